using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Flattens result records into one row per detection (or per airing, with -MergeConsecutive).</summary>
    [Cmdlet(VerbsData.ConvertTo, "AcrBmCsPlay")]
    [OutputType(typeof(AcrBmCsPlay))]
    public sealed class ConvertToAcrBmCsPlayCommand : AcrCloudCmdlet
    {
        private static readonly HashSet<string> WriterRoles = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "C", "Composer", "W", "Writer" };
        private readonly Dictionary<string, TimeZoneInfo> _zones = new Dictionary<string, TimeZoneInfo>(StringComparer.OrdinalIgnoreCase);
        private TimeZoneInfo? _zone;
        private PlayMerger? _merger;

        /// <summary>A result record from Get-AcrBmCsResult, Get-AcrBmBdResult or Get-AcrBmCsUnknownResult.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>The zone of StartLocal (IANA or Windows id). Default: the zone the records were fetched with
        /// (Get-AcrBmCsResult -TimeZone), else UTC.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        [PSDefaultValue(Help = "The -TimeZone of the fetch that gave the records; UTC for records fetched by UTC day")]
        public string? TimeZone { get; set; }

        /// <summary>Joins the split parts of one airing into one row: the same stream and Acrid, the next part starting
        /// no later than -MaxGapSec after the previous one ended.</summary>
        [Parameter]
        public SwitchParameter MergeConsecutive { get; set; }

        /// <summary>With -MergeConsecutive: the longest gap, in seconds, between the end of one part and the start
        /// of the next that still counts as one airing.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        [PSDefaultValue(Help = "60")]
        public int MaxGapSec { get; set; } = PlayMerger.DefaultMaxGapSec;

        protected override void Begin()
        {
            if (TimeZone != null)
            {
                if (!TimeZones.TryFind(TimeZone, out var zone)) ThrowTerminatingError(AcrCloudErrors.UnknownTimeZone(TimeZone));
                _zone = zone;
            }

            if (MergeConsecutive) _merger = new PlayMerger(MaxGapSec);
        }

        protected override void ProcessRecord()
        {
            var play = ToPlay(InputObject);
            if (play == null) return;
            if (_merger == null)
            {
                WriteObject(play);
                return;
            }

            var done = _merger.Add(play);
            if (done != null) WriteObject(done);
        }

        protected override void EndProcessing()
        {
            var last = _merger?.Flush();
            if (last != null) WriteObject(last);
        }

        // Records of a fetch by local days carry the zone they were fetched in: the one-liner names it once.
        private TimeZoneInfo ZoneOf(PSObject record)
        {
            if (_zone != null) return _zone;
            var id = RecordReader.Text(RecordReader.Get(record, "TimeZone"));
            if (string.IsNullOrEmpty(id)) return TimeZoneInfo.Utc;
            if (!_zones.TryGetValue(id!, out var zone))
            {
                zone = TimeZones.TryFind(id!, out var found) ? found : TimeZoneInfo.Utc;
                _zones[id!] = zone;
            }

            return zone;
        }

        private AcrBmCsPlay? ToPlay(PSObject record)
        {
            var metadata = RecordReader.Get(record, "metadata");
            if (!ApiTimestamp.TryParse(RecordReader.Get(metadata, "timestamp_utc"), out var startUtc))
            {
                WriteError(AcrCloudErrors.NotAResultRecord(record));
                return null;
            }

            startUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
            var zone = ZoneOf(record);
            var music = RecordReader.First(RecordReader.Get(metadata, "music"));
            var file = RecordReader.First(RecordReader.Get(metadata, "custom_files"));
            var item = music ?? file;
            var externalIds = RecordReader.Get(item, "external_ids");
            var contributors = RecordReader.Get(item, "contributors");
            var projectId = RecordReader.Number(RecordReader.Get(record, "ProjectId"));
            var played = RecordReader.Number(RecordReader.Get(metadata, "played_duration"));
            // The API counts whole seconds; a fraction, should one come, is rounded rather than shown as 23.000.
            var duration = played.HasValue ? (int)Math.Round(played.Value, MidpointRounding.AwayFromZero) : (int?)null;
            var works = RecordReader.Items(RecordReader.Get(item, "works"));
            return new AcrBmCsPlay
            {
                ProjectId = projectId.HasValue ? (int)projectId.Value : (int?)null,
                // A channel's records have a ChannelId instead: its number stands in the stream's place.
                StreamId = RecordReader.Text(RecordReader.GetAny(record, "StreamId", "ChannelId")),
                StreamName = RecordReader.Text(RecordReader.Get(record, "StreamName")),
                StartUtc = startUtc,
                EndUtc = duration.HasValue ? startUtc.AddSeconds(duration.Value) : (DateTime?)null,
                StartLocal = TimeZoneInfo.ConvertTimeFromUtc(startUtc, zone),
                UtcOffset = zone.GetUtcOffset(startUtc),
                DurationSec = duration,
                // An unknown result (music detected, not recognised) has neither.
                Kind = music != null ? "Music" : file != null ? "CustomFile" : "Unknown",
                Title = RecordReader.Text(RecordReader.GetAny(item, "title", "Title")),
                Artists = RecordReader.JoinedText(RecordReader.GetAny(item, "artists", "artist")),
                Album = RecordReader.JoinedText(RecordReader.Get(item, "album")),
                Label = RecordReader.JoinedText(RecordReader.Get(item, "label")),
                Isrc = RecordReader.JoinedText(RecordReader.GetAny(externalIds, "isrc") ?? RecordReader.Get(item, "isrc")),
                Iswc = RecordReader.JoinedText(RecordReader.GetAny(externalIds, "iswc")) ??
                    WorksIswc(works),
                Upc = RecordReader.JoinedText(RecordReader.GetAny(externalIds, "upc") ?? RecordReader.Get(item, "upc")),
                CatalogNumber = RecordReader.Text(RecordReader.Get(RecordReader.Get(item, "album"), "cd_id")),
                Composers = RecordReader.JoinedText(RecordReader.Get(contributors, "composers")),
                Lyricists = RecordReader.JoinedText(RecordReader.Get(contributors, "lyricists")),
                Writers = WorksWriters(works),
                Genres = RecordReader.JoinedText(RecordReader.Get(item, "genres")),
                Language = RecordReader.Text(RecordReader.Get(item, "language")),
                ReleaseDate = RecordReader.Text(RecordReader.Get(item, "release_date")),
                Acrid = RecordReader.Text(RecordReader.Get(item, "acrid")),
                Score = RecordReader.Number(RecordReader.Get(item, "score")),
            };
        }

        // Most records have no works: those need neither the LINQ chain nor its lists.
        private static string? WorksIswc(IReadOnlyList<object?> works) =>
            works.Count == 0 ? null : RecordReader.JoinedText(works.Select(work => RecordReader.Get(work, "iswc")).ToList());

        private static string? WorksWriters(IReadOnlyList<object?> works) =>
            works.Count == 0 ? null : RecordReader.JoinedText(works
                .SelectMany(work => RecordReader.Items(RecordReader.Get(work, "creators")))
                .Where(creator => WriterRoles.Contains(RecordReader.Text(RecordReader.Get(creator, "role")) ?? ""))
                .Select(creator => RecordReader.Get(creator, "name"))
                .ToList());
    }
}
