using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Reads the archive Save-AcrBmCsResult wrote back into the records Get-AcrBmCsResult outputs: the same
    /// objects, labelled and trimmed to a local range by the same code.</summary>
    [Cmdlet(VerbsData.Import, "AcrBmCsResult", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(PSObject))]
    public sealed class ImportAcrBmCsResultCommand : AcrCloudCmdlet
    {
        private const string AllSet = "All";
        private const string TypeName = "AcrCloud.BmCsResult";

        // Files are read and parsed a few at a time on workers; the output keeps stream and day order.
        private const int ReadersInFlight = 4;

        private readonly List<ArchiveFile> _files = new List<ArchiveFile>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private LocalDayRange? _range;
        private WildcardPattern[]? _streamPatterns;

        /// <summary>Archive files, folders (read recursively) or wildcards; objects with a Path or FullName bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>The first local day of a range (inclusive), in -TimeZone.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StreamDayCmdlet.RangeSet)]
        [IsoDate]
        public DateTime From { get; set; }

        /// <summary>The last local day of a range (inclusive), in -TimeZone. Default: -From.</summary>
        [Parameter(ParameterSetName = StreamDayCmdlet.RangeSet)]
        [PSDefaultValue(Help = "The value of -From (a single day)")]
        [IsoDate]
        public DateTime? To { get; set; }

        /// <summary>The zone whose local days -From and -To mean (IANA or Windows id). Default: UTC.</summary>
        [Parameter(ParameterSetName = StreamDayCmdlet.RangeSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        [PSDefaultValue(Help = "UTC")]
        public string TimeZone { get; set; } = "UTC";

        /// <summary>Only the days of these projects.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public int[]? ProjectId { get; set; }

        /// <summary>Only the days of these streams (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? StreamId { get; set; }

        protected override void Begin()
        {
            if (ParameterSetName == StreamDayCmdlet.RangeSet) _range = StreamDayCmdlet.RangeOf(this, From, To, TimeZone);
            _streamPatterns = StreamId?.Select(id => new WildcardPattern(id, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        }

        protected override void ProcessRecord()
        {
            foreach (var path in Path)
            {
                foreach (var resolved in Resolve(path))
                {
                    if (Directory.Exists(resolved))
                    {
                        foreach (var file in Directory.EnumerateFiles(resolved, "*.json*", SearchOption.AllDirectories))
                        {
                            if (ArchiveFile.IsDayName(System.IO.Path.GetFileName(file))) Add(ArchiveFile.TryParse(file), file);
                        }
                    }
                    else
                    {
                        Add(ArchiveFile.TryParse(resolved), resolved);
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            var days = _range == null ? null : new HashSet<DateTime>(_range.UtcDays().Select(day => day.Date));
            var chosen = new HashSet<(int, string, DateTime)>();
            var work = new OrderedWork<(ArchiveFile File, List<object?>? Records, ErrorRecord? Error)>(ReadersInFlight);
            foreach (var file in _files
                         .Where(f => ProjectId == null || ProjectId.Contains(f.ProjectId))
                         .Where(f => _streamPatterns == null || _streamPatterns.Any(p => p.IsMatch(f.StreamId)))
                         .Where(f => days == null || days.Contains(f.Date))
                         .OrderBy(f => f.ProjectId)
                         .ThenBy(f => f.StreamId, StringComparer.Ordinal)
                         .ThenBy(f => f.Date)
                         .ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                if (!chosen.Add((file.ProjectId, file.StreamId, file.Date)))
                {
                    WriteWarning($"'{file.Path}' holds a day already imported from another file of the same stream; it was left out.");
                    continue;
                }

                var range = _range;
                var timeZone = TimeZone;
                work.Enqueue(() => Task.FromResult(Read(file, range, timeZone)));
            }

            while (work.Count > 0)
            {
                var read = Wait(work.TakeNext());
                if (read.Error != null)
                {
                    WriteError(read.Error);
                    continue;
                }

                WriteVerbose($"{read.Records!.Count} results from '{read.File.Path}'.");
                foreach (var record in read.Records) WriteObject(record);
            }
        }

        /// <summary>Runs on a worker: one file into the records Get-AcrBmCsResult outputs for its stream-day.</summary>
        private static (ArchiveFile, List<object?>?, ErrorRecord?) Read(ArchiveFile file, LocalDayRange? range, string timeZone)
        {
            try
            {
                var records = JsonPSObjectConverter.ParseDataArray(ArchiveFile.Read(file.Path));
                StreamDayCmdlet.Shape(records, range, timeZone, file.Date, TypeName,
                    new[] { StreamDayCmdlet.Label("ProjectId", file.ProjectId), StreamDayCmdlet.Label("StreamId", file.StreamId) });
                return (file, records, null);
            }
            catch (Exception problem) when (problem is InvalidDataException || problem is IOException || problem is UnauthorizedAccessException)
            {
                return (file, null, AcrCloudErrors.InvalidArchiveFile(file.Path, problem));
            }
        }

        private T Wait<T>(Task<T> task)
        {
            try
            {
                task.Wait(StopToken);
                return task.Result;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Add(ArchiveFile? file, string path)
        {
            if (file == null)
            {
                WriteError(AcrCloudErrors.NotAnArchiveFile(path));
                return;
            }

            if (_seen.Add(file.Path)) _files.Add(file);
        }

        private IEnumerable<string> Resolve(string path)
        {
            try
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name == "FileSystem") return resolved;
            }
            catch (ItemNotFoundException)
            {
            }

            WriteError(AcrCloudErrors.ArchivePathNotFound(path));
            return Array.Empty<string>();
        }
    }
}
