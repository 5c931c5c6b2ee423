using System;
using System.Globalization;

namespace AcrCloud.PowerShell
{
    /// <summary>Which recording a request or a file was for: the TargetObject of its errors.</summary>
    public sealed class RecordingTarget
    {
        internal RecordingTarget(int projectId, string streamId, DateTime startUtc, int durationSec)
        {
            ProjectId = projectId;
            StreamId = streamId;
            StartUtc = startUtc;
            DurationSec = durationSec;
        }

        public int ProjectId { get; }

        public string StreamId { get; }

        public DateTime StartUtc { get; }

        public int DurationSec { get; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "project {0}, stream {1}, {2:yyyy-MM-dd HH:mm:ss}Z, {3} s", ProjectId, StreamId, StartUtc, DurationSec);
    }
}
