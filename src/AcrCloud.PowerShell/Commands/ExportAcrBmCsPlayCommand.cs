using System;
using System.IO;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The column sets Export-AcrBmCsPlay writes.</summary>
    public enum AcrBmCsPlayLayout
    {
        /// <summary>Every property of a play row, in its order.</summary>
        Default,
        /// <summary>The 21 columns of the Swiss collecting society's broadcast report.</summary>
        Suisa,
    }

    /// <summary>Streams play rows to a CSV file or an Excel workbook that reads the same in every culture, written
    /// whole or not at all.</summary>
    [Cmdlet(VerbsData.Export, "AcrBmCsPlay", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAcrBmCsPlayCommand : AcrCloudCmdlet
    {
        private string? _target;
        private ReplacingFile? _file;
        private PlayReportWriter? _writer;
        private bool _skip;

        /// <summary>The file to write; its extension (.csv or .xlsx) chooses the format.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>A play row from ConvertTo-AcrBmCsPlay.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public AcrBmCsPlay InputObject { get; set; } = null!;

        /// <summary>Default (every property of a row) or Suisa (the Swiss broadcast report).</summary>
        [Parameter]
        public AcrBmCsPlayLayout Layout { get; set; } = AcrBmCsPlayLayout.Default;

        /// <summary>The station's name for the Sender column; required with -Layout Suisa.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StationName { get; set; }

        /// <summary>The CSV field separator; a comma by default, ';' for a spreadsheet whose list separator it is.</summary>
        [Parameter]
        public char Delimiter { get; set; } = ',';

        /// <summary>Overwrites a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Refuses to overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        protected override void Begin()
        {
            if (Layout == AcrBmCsPlayLayout.Suisa && string.IsNullOrWhiteSpace(StationName))
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.StationNameRequired",
                    "-Layout Suisa needs -StationName, the station's name for the Sender column.", Layout));
            }

            if (Delimiter == '"' || Delimiter == '\r' || Delimiter == '\n')
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDelimiter",
                    "-Delimiter must not be a quote or a line break.", Delimiter));
            }

            _target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var extension = System.IO.Path.GetExtension(_target);
            if (!string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.UnsupportedReportFormat",
                    $"-Path '{Path}' must end in .csv or .xlsx.", Path));
            }

            // Checked before the first row is read: a month of rows fetched for a folder that is not there is
            // the pipeline's time lost, and the file system's own message would come from the temporary file.
            var folder = System.IO.Path.GetDirectoryName(_target);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder)) ThrowTerminatingError(AcrCloudErrors.FolderNotFound(folder!, Path));

            if (File.Exists(_target) && NoClobber) ThrowTerminatingError(AcrCloudErrors.FileExists(_target, "-NoClobber keeps it"));

            if (!ShouldProcess(_target, $"Export play rows ({Layout} layout)"))
            {
                _skip = true;
                return;
            }

            _file = ReplacingFile.Create(_target);
            _writer = PlayReportWriter.For(extension, _file, PlayReportLayout.For(Layout, StationName), Delimiter,
                daySummary: Layout == AcrBmCsPlayLayout.Suisa);
        }

        protected override void ProcessRecord()
        {
            if (_skip || _writer == null) return;
            _writer.Add(InputObject);
        }

        protected override void EndProcessing()
        {
            if (_skip || _writer == null) return;
            _writer.Complete();
            _writer.Dispose();
            _writer = null;
            FileInfo written;
            try
            {
                written = _file!.Commit(Force);
            }
            catch (UnauthorizedAccessException problem)
            {
                ThrowTerminatingError(AcrCloudErrors.FileReadOnly(problem, _target!));
                throw;
            }

            WriteObject(written);
        }

        // Runs on an error, Ctrl+C (StopProcessing) and after a normal end: whatever is left is the temporary file.
        protected override void DisposeResources()
        {
            _writer?.Dispose();
            _writer = null;
            _file?.Dispose();
            _file = null;
            base.DisposeResources();
        }
    }
}
