using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Saves the audio of detections (the proof of a disputed play) as files: one per result record or
    /// play row, written whole or not at all.</summary>
    [Cmdlet(VerbsData.Save, "AcrBmCsRecording", SupportsShouldProcess = true, DefaultParameterSetName = DestinationSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveAcrBmCsRecordingCommand : AcrCloudRequestCmdlet
    {
        private const string DestinationSet = "Destination";
        private const string PathSet = "Path";

        /// <summary>The longest span one request asks for: tools that use the API in production never ask for more
        /// (the API documents no limit), so longer spans are fetched in consecutive pieces and joined.</summary>
        internal const int MaxPieceSeconds = 600;

        /// <summary>The project (records and play rows carry it as ProjectId, stream objects as mcp_id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("mcp_id", "project_id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>The stream (records and play rows carry it as StreamId).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [StreamIdTransformation]
        [ValidateNotNullOrEmpty]
        public string StreamId { get; set; } = null!;

        /// <summary>The start of the detection, in UTC (play rows carry it as StartUtc; for a result record it is
        /// metadata.timestamp_utc).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IsoDate]
        [PSDefaultValue(Help = "metadata.timestamp_utc of a piped result record")]
        public DateTime? StartUtc { get; set; }

        /// <summary>How many seconds the detection lasted (play rows carry it as DurationSec; for a result record it
        /// is metadata.played_duration).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 86400)]
        [PSDefaultValue(Help = "metadata.played_duration of a piped result record")]
        public int? DurationSec { get; set; }

        /// <summary>The metadata of a result record, whose timestamp_utc and played_duration stand in for -StartUtc
        /// and -DurationSec; it binds from the records of Get-AcrBmCsResult.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public PSObject? Metadata { get; set; }

        /// <summary>Seconds of audio before the start.</summary>
        [Parameter]
        [ValidateRange(0, MaxPieceSeconds)]
        [PSDefaultValue(Help = "None (the API's default)")]
        public int? RecordBefore { get; set; }

        /// <summary>Seconds of audio after the end.</summary>
        [Parameter]
        [ValidateRange(0, MaxPieceSeconds)]
        [PSDefaultValue(Help = "None (the API's default)")]
        public int? RecordAfter { get; set; }

        /// <summary>The folder the files go to, named &lt;StreamId&gt;_&lt;yyyyMMddTHHmmssZ&gt;_&lt;seconds&gt;s.mp3; made if missing.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DestinationSet)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = null!;

        /// <summary>The file to write, for one recording.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Replaces an existing file, read-only ones too.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (CredentialsRefused) return;
            var start = StartUtc.HasValue ? AsUtc(StartUtc.Value) : ReadStart();
            var duration = DurationSec ?? ReadDuration();
            if (start == null || duration == null || duration < 1)
            {
                WriteError(AcrCloudErrors.InvalidArgument("AcrCloud.NoRecordingSpan",
                    $"No start and duration for stream {StreamId}: give -StartUtc and -DurationSec, or pipe result records or play rows.", StreamId));
                return;
            }

            var recording = new RecordingTarget(ProjectId, StreamId, start.Value, duration.Value);
            var target = ParameterSetName == PathSet
                ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path)
                : System.IO.Path.Combine(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination), FileName(recording));
            if (File.Exists(target) && !Force)
            {
                WriteError(AcrCloudErrors.FileExists(target, "-Force replaces it"));
                return;
            }

            if (!ShouldProcess(target, $"Save the recording of {recording}")) return;
            var pieces = Pieces(recording).ToList();
            var folder = System.IO.Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            using var file = ReplacingFile.Create(target);
            for (var i = 0; i < pieces.Count; i++)
            {
                var piece = pieces[i];
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Piece {0} of {1}: {2} s from {3:yyyy-MM-dd HH:mm:ss}Z.",
                    i + 1, pieces.Count, piece.Seconds, piece.StartUtc));
                var result = Await(RequestAsync(HttpMethod.Get, BuildUri(ApiRoutes.BmCsRecordings(ProjectId, StreamId), Query(piece)), null,
                    body => new List<object?> { body }, recording, "*/*"));
                if (!result.Succeeded)
                {
                    // Leaving the using block deletes what was written: a failed piece leaves no file.
                    WriteFailure(result.Error!);
                    return;
                }

                var audio = (byte[])result.Values[0]!;
                file.Stream.Write(audio, 0, audio.Length);
            }

            try
            {
                WriteObject(file.Commit(Force));
            }
            catch (UnauthorizedAccessException problem)
            {
                WriteError(AcrCloudErrors.FileReadOnly(problem, target));
            }
        }

        /// <summary>The requests of one recording: one, with the margins as given, when the whole span fits in
        /// <see cref="MaxPieceSeconds"/>; otherwise consecutive pieces over the whole span, margins included and
        /// none asked for, so the joined audio is the same span.</summary>
        internal IEnumerable<(DateTime StartUtc, int Seconds, bool WithMargins)> Pieces(RecordingTarget recording)
        {
            var before = RecordBefore ?? 0;
            var after = RecordAfter ?? 0;
            if (before + recording.DurationSec + after <= MaxPieceSeconds)
            {
                yield return (recording.StartUtc, recording.DurationSec, true);
                yield break;
            }

            var from = recording.StartUtc.AddSeconds(-before);
            for (var left = before + recording.DurationSec + after; left > 0;)
            {
                var seconds = Math.Min(left, MaxPieceSeconds);
                yield return (from, seconds, false);
                from = from.AddSeconds(seconds);
                left -= seconds;
            }
        }

        private List<KeyValuePair<string, string>> Query((DateTime StartUtc, int Seconds, bool WithMargins) piece)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("timestamp_utc", piece.StartUtc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("played_duration", piece.Seconds.ToString(CultureInfo.InvariantCulture)),
            };
            if (piece.WithMargins && RecordBefore.HasValue) query.Add(new KeyValuePair<string, string>("record_before", RecordBefore.Value.ToString(CultureInfo.InvariantCulture)));
            if (piece.WithMargins && RecordAfter.HasValue) query.Add(new KeyValuePair<string, string>("record_after", RecordAfter.Value.ToString(CultureInfo.InvariantCulture)));
            return query;
        }

        internal static string FileName(RecordingTarget recording)
        {
            var stream = new string(recording.StreamId.Select(c => System.IO.Path.GetInvalidFileNameChars().Contains(c) ? '_' : c).ToArray());
            return string.Format(CultureInfo.InvariantCulture, "{0}_{1:yyyyMMdd'T'HHmmss}Z_{2}s.mp3", stream, recording.StartUtc, recording.DurationSec);
        }

        // A time without a kind is taken as UTC, as the parameter's name says; a local one is converted.
        private static DateTime AsUtc(DateTime time) =>
            time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

        private DateTime? ReadStart() =>
            ApiTimestamp.TryParse(JsonValues.Get(Metadata, "timestamp_utc"), out var start) ? DateTime.SpecifyKind(start, DateTimeKind.Utc) : (DateTime?)null;

        private int? ReadDuration()
        {
            var seconds = RecordReader.Number(RecordReader.Get(Metadata, "played_duration"));
            return seconds.HasValue && seconds.Value >= 1 && seconds.Value <= 86400 ? (int)Math.Round(seconds.Value) : (int?)null;
        }
    }
}
