using System;
using System.Linq;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Flattens result records into one row per detection, ready for Export-Csv.</summary>
    [Cmdlet(VerbsData.ConvertTo, "AcrBmCsPlay")]
    [OutputType(typeof(AcrBmCsPlay))]
    public sealed class ConvertToAcrBmCsPlayCommand : AcrCloudCmdlet
    {
        private TimeZoneInfo _zone = TimeZoneInfo.Utc;
        private AcrBmCsPlay? _pending;

        /// <summary>A result record from Get-AcrBmCsResult, Get-AcrBmBdResult or Get-AcrBmCsUnknownResult.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>The zone of StartLocal (IANA or Windows id). Default: UTC.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        [PSDefaultValue(Help = "UTC")]
        public string TimeZone { get; set; } = "UTC";

        /// <summary>Joins consecutive rows of the same stream with the same Acrid (one song split by a detection
        /// gap or by midnight) into one: the start of the first, the durations added.</summary>
        [Parameter]
        public SwitchParameter MergeConsecutive { get; set; }

        protected override void Begin()
        {
            if (!TimeZones.TryFind(TimeZone, out _zone))
            {
                ThrowTerminatingError(AcrCloudErrors.UnknownTimeZone(TimeZone));
            }
        }

        protected override void ProcessRecord()
        {
            var play = ToPlay(InputObject);
            if (play == null) return;
            if (!MergeConsecutive)
            {
                WriteObject(play);
                return;
            }

            if (_pending != null && IsContinuation(_pending, play))
            {
                _pending.DurationSec += play.DurationSec;
                return;
            }

            if (_pending != null) WriteObject(_pending);
            _pending = play;
        }

        protected override void EndProcessing()
        {
            if (_pending != null) WriteObject(_pending);
            _pending = null;
        }

        private static bool IsContinuation(AcrBmCsPlay previous, AcrBmCsPlay next) =>
            !string.IsNullOrEmpty(next.Acrid) && next.Acrid == previous.Acrid &&
            next.StreamId == previous.StreamId && next.ProjectId == previous.ProjectId;

        private AcrBmCsPlay? ToPlay(PSObject record)
        {
            var metadata = RecordReader.Get(record, "metadata");
            if (!LocalDayRange.TryParseApiTimestamp(RecordReader.Get(metadata, "timestamp_utc"), out var startUtc))
            {
                WriteError(AcrCloudErrors.NotAResultRecord(record));
                return null;
            }

            var music = RecordReader.Items(RecordReader.Get(metadata, "music")).FirstOrDefault();
            var file = RecordReader.Items(RecordReader.Get(metadata, "custom_files")).FirstOrDefault();
            var item = music ?? file;
            var externalIds = RecordReader.Get(item, "external_ids");
            var projectId = RecordReader.Number(RecordReader.Get(record, "ProjectId"));
            return new AcrBmCsPlay
            {
                ProjectId = projectId.HasValue ? (int)projectId.Value : (int?)null,
                // A channel's records have a ChannelId instead: its number stands in the stream's place.
                StreamId = RecordReader.Text(RecordReader.GetAny(record, "StreamId", "ChannelId")),
                StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc),
                StartLocal = TimeZoneInfo.ConvertTimeFromUtc(startUtc, _zone),
                DurationSec = RecordReader.Number(RecordReader.Get(metadata, "played_duration")) ?? 0,
                // An unknown result (music detected, not recognised) has neither.
                Kind = music != null ? "Music" : file != null ? "CustomFile" : "Unknown",
                Title = RecordReader.Text(RecordReader.GetAny(item, "title", "Title")),
                Artists = RecordReader.JoinedText(RecordReader.GetAny(item, "artists", "artist")),
                Album = RecordReader.JoinedText(RecordReader.Get(item, "album")),
                Label = RecordReader.JoinedText(RecordReader.Get(item, "label")),
                Isrc = RecordReader.JoinedText(RecordReader.GetAny(externalIds, "isrc") ?? RecordReader.Get(item, "isrc")),
                Upc = RecordReader.JoinedText(RecordReader.GetAny(externalIds, "upc") ?? RecordReader.Get(item, "upc")),
                Composers = RecordReader.JoinedText(RecordReader.Get(RecordReader.Get(item, "contributors"), "composers")),
                ReleaseDate = RecordReader.Text(RecordReader.Get(item, "release_date")),
                Acrid = RecordReader.Text(RecordReader.Get(item, "acrid")),
                Score = RecordReader.Number(RecordReader.Get(item, "score")),
            };
        }
    }
}
