using System;

namespace AcrCloud.PowerShell
{
    /// <summary>Joins the split parts of one airing, and nothing else: ACRCloud sometimes reports one song as several
    /// detections (a short gap in recognition, or midnight UTC). A part continues the row before it when both are of
    /// the same project and stream, have the same Acrid, and the part starts no later than <c>maxGap</c> after the
    /// previous part ended (its start plus its played duration). The same song aired again after other programme is
    /// a new row: a collecting society must be told of every airing. The merged row keeps the first part's start and
    /// fields, adds up the durations, and ends where its last part ends. The rows handed in are never changed.</summary>
    internal sealed class PlayMerger
    {
        public const int DefaultMaxGapSec = 60;
        private readonly TimeSpan _maxGap;
        private AcrBmCsPlay? _pending;
        private bool _pendingIsCopy;

        public PlayMerger(int maxGapSec = DefaultMaxGapSec)
        {
            _maxGap = TimeSpan.FromSeconds(maxGapSec);
        }

        /// <summary>Takes the next row; returns the row before it when that one is complete.</summary>
        public AcrBmCsPlay? Add(AcrBmCsPlay play)
        {
            if (_pending != null && Continues(_pending, play, _maxGap))
            {
                if (!_pendingIsCopy)
                {
                    _pending = _pending.Copy();
                    _pendingIsCopy = true;
                }

                _pending.DurationSec = _pending.DurationSec.HasValue || play.DurationSec.HasValue
                    ? (_pending.DurationSec ?? 0) + (play.DurationSec ?? 0) : (int?)null;
                var end = play.EndUtc ?? play.StartUtc;
                if (!_pending.EndUtc.HasValue || end > _pending.EndUtc.Value) _pending.EndUtc = end;
                return null;
            }

            var done = _pending;
            _pending = play;
            _pendingIsCopy = false;
            return done;
        }

        /// <summary>The last row, at the end of the input.</summary>
        public AcrBmCsPlay? Flush()
        {
            var done = _pending;
            _pending = null;
            return done;
        }

        internal static bool Continues(AcrBmCsPlay previous, AcrBmCsPlay next, TimeSpan maxGap) =>
            !string.IsNullOrEmpty(next.Acrid) && next.Acrid == previous.Acrid &&
            next.StreamId == previous.StreamId && next.ProjectId == previous.ProjectId &&
            previous.EndUtc.HasValue && next.StartUtc >= previous.StartUtc && next.StartUtc <= previous.EndUtc.Value + maxGap;
    }
}
