using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Stores the results of custom streams as a raw archive: one file per stream and UTC day holding the
    /// API's body byte for byte, resumable, and never half written.</summary>
    [Cmdlet(VerbsData.Save, "AcrBmCsResult", DefaultParameterSetName = DateSet, SupportsShouldProcess = true)]
    [OutputType(typeof(AcrBmCsArchiveDay))]
    public sealed class SaveAcrBmCsResultCommand : StreamDayCmdlet
    {
        private const string TemporaryPrefix = ".";
        private const string TemporarySuffix = ".tmp";
        private static readonly char[] FolderSeparators = { '/', '\\' };
        private readonly HashSet<string> _cleaned = new HashSet<string>(StringComparer.Ordinal);
        private string _root = null!;

        /// <summary>The project (the API's bm-cs project id; stream objects carry it as mcp_id, project objects as id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        // mcp_id before id: a stream object has both, and its own id is not the project's.
        [Alias("mcp_id", "project_id", "id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more stream ids (stream objects carry it as stream_id; plain strings bind too), trimmed; a blank one is refused.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [StreamIdTransformation]
        [ValidateNotNullOrEmpty]
        public string[] StreamId { get; set; } = null!;

        /// <summary>The archive's folder; each day goes to &lt;Path&gt;/&lt;ProjectId&gt;/&lt;StreamId&gt;/&lt;yyyy-MM-dd&gt;.json.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Writes &lt;yyyy-MM-dd&gt;.json.gz (gzip) instead of .json.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>Fetches every day again, even those already archived and final.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>An archived day that ended less than this many days ago is fetched again: detections arrive with a delay.</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        [PSDefaultValue(Help = "2")]
        public int RefreshDays { get; set; } = 2;

        /// <summary>Include the detections ACRCloud marks as likely false positives.</summary>
        [Parameter]
        public SwitchParameter WithFalsePositive { get; set; }

        internal override string RecordNoun => "results";

        internal override string RecordTypeName => "AcrCloud.BmCsResult";

        internal override string Activity => "Saving ACRCloud results";

        protected override void Begin()
        {
            _root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            base.Begin();
        }

        internal override void AddQuery(List<KeyValuePair<string, string>> query)
        {
            if (WithFalsePositive) query.Add(new KeyValuePair<string, string>("with_false_positive", "1"));
        }

        internal override IEnumerable<DaySource> Sources()
        {
            foreach (var streamId in StreamId)
            {
                if (streamId == "." || streamId == ".." || streamId.IndexOfAny(FolderSeparators) >= 0 || streamId.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
                {
                    // The id names a folder of the archive: one that would leave it or cannot be a name is refused.
                    WriteError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidStreamId", $"-StreamId '{streamId}' cannot name a folder of the archive.", streamId));
                    continue;
                }

                yield return new DaySource(ApiRoutes.BmCsResults(ProjectId, streamId), day => new ResultTarget(ProjectId, streamId, day),
                    Label("ProjectId", ProjectId), Label("StreamId", streamId));
            }
        }

        internal override DayPlan PlanDay(DaySource source, DateTime? day, object target)
        {
            var stream = (ResultTarget)target;
            var date = day!.Value;
            var folder = System.IO.Path.Combine(_root, stream.ProjectId.ToString(CultureInfo.InvariantCulture), stream.StreamId);
            var file = System.IO.Path.Combine(folder, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (Compress ? ".json.gz" : ".json"));
            if (_cleaned.Add(folder)) RemoveStaleTemporaryFiles(folder);

            var existing = new FileInfo(file);
            if (existing.Exists && !Force && DateTime.UtcNow - date.AddDays(1) >= TimeSpan.FromDays(RefreshDays))
            {
                return DayPlan.Skip(new AcrBmCsArchiveDay(stream.ProjectId, stream.StreamId, date, file, AcrBmCsArchiveStatus.Skipped, null, existing.Length));
            }

            if (!ShouldProcess(file, $"Save the results of {target}")) return DayPlan.Skip(null);

            var compress = Compress.IsPresent;
            return DayPlan.Fetch(
                body =>
                {
                    var records = JsonDataArrayCheck.CountItems(body);
                    var (status, bytes) = Store(folder, file, body, compress);
                    return new AcrBmCsArchiveDay(stream.ProjectId, stream.StreamId, date, file, status, records, bytes);
                },
                () => new AcrBmCsArchiveDay(stream.ProjectId, stream.StreamId, date, file, AcrBmCsArchiveStatus.Failed, null, null));
        }

        /// <summary>Runs on a worker: writes the body through <see cref="ReplacingFile"/> (a temporary name in the
        /// file's folder, renamed over the file once complete), unless the file already holds these bytes.</summary>
        private static (AcrBmCsArchiveStatus Status, long Bytes) Store(string folder, string file, byte[] body, bool compress)
        {
            Directory.CreateDirectory(folder);
            if (File.Exists(file) && Holds(file, body, compress)) return (AcrBmCsArchiveStatus.Unchanged, new FileInfo(file).Length);

            using var output = ReplacingFile.Create(file);
            if (compress)
            {
                using (var gzip = new GZipStream(output.Stream, CompressionLevel.Fastest, true)) gzip.Write(body, 0, body.Length);
            }
            else
            {
                output.Stream.Write(body, 0, body.Length);
            }

            // On the disk before the rename, so that a power cut cannot leave a renamed but empty file.
            output.Stream.Flush(true);
            var bytes = output.Stream.Length;
            output.Commit();
            return (AcrBmCsArchiveStatus.Saved, bytes);
        }

        /// <summary>Whether the archived file's JSON is exactly <paramref name="body"/>; a damaged file does not.</summary>
        private static bool Holds(string file, byte[] body, bool compressed)
        {
            try
            {
                byte[] archived;
                if (compressed)
                {
                    archived = ArchiveFile.Read(file);
                }
                else
                {
                    if (new FileInfo(file).Length != body.Length) return false;
                    archived = File.ReadAllBytes(file);
                }

                return archived.AsSpan().SequenceEqual(body);
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }

        /// <summary>Temporary files an earlier run left behind when it was killed mid-write (a file of this run
        /// is never among them: a folder is cleaned before any of its days is queued).</summary>
        private void RemoveStaleTemporaryFiles(string folder)
        {
            if (!Directory.Exists(folder)) return;
            foreach (var stale in Directory.EnumerateFiles(folder, TemporaryPrefix + "????-??-??.json*" + TemporarySuffix))
            {
                WriteVerbose($"Removing the temporary file '{stale}' of an interrupted run.");
                TryDelete(stale);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
