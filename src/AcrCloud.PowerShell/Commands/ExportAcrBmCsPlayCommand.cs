using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;

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

    /// <summary>Streams play rows to a CSV file that reads the same in every culture, written whole or not at all.</summary>
    [Cmdlet(VerbsData.Export, "AcrBmCsPlay", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAcrBmCsPlayCommand : AcrCloudCmdlet
    {
        private static readonly string[] DefaultHeaders =
        {
            "ProjectId", "StreamId", "StartUtc", "StartLocal", "DurationSec", "Kind", "Title", "Artists", "Album",
            "Label", "Isrc", "Upc", "Composers", "ReleaseDate", "Acrid", "Score",
        };

        private static readonly string[] SuisaHeaders =
        {
            "Sender", "Titel des Musikwerks", "Name des Komponisten", "Interpret(en)", "Sendedatum", "Sendedauer",
            "Sendezeit", "ISRC", "Label", "Identifikationsnummer", "Eigenaufnahmen", "EAN / GTIN",
            "Albumtitel / Titel des Tonträgers", "Aufnahmedatum", "Aufnahmeland", "Erstveröffentlichungsdatum",
            "Katalog-Nummer / CD ID", "Werkverzeichnisangaben", "Bestellnummer", "Veröffentlichungsland", "Liveaufnahme",
        };

        private static readonly Regex ValidIsrc = new Regex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$", RegexOptions.CultureInvariant);
        private static readonly Regex FullDate = new Regex(@"^(\d{4})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant);

        private string? _target;
        private ReplacingFile? _file;
        private StreamWriter? _writer;
        private string[] _cells = Array.Empty<string>();
        private bool _skip;

        /// <summary>The file to write; its extension must be .csv.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>A play row from ConvertTo-AcrBmCsPlay.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public AcrBmCsPlay InputObject { get; set; } = null!;

        /// <summary>Default (every property of a row) or Suisa (the Swiss broadcast report).</summary>
        [Parameter]
        public AcrBmCsPlayLayout Layout { get; set; } = AcrBmCsPlayLayout.Default;

        /// <summary>The station's name for the Sender column; required with -Layout Suisa.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StationName { get; set; }

        /// <summary>The field separator; a comma by default, ';' for a spreadsheet whose list separator it is.</summary>
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
            if (!string.Equals(System.IO.Path.GetExtension(_target), ".csv", StringComparison.OrdinalIgnoreCase))
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.UnsupportedReportFormat",
                    $"-Path '{Path}' must end in .csv.", Path));
            }

            if (File.Exists(_target) && NoClobber)
            {
                ThrowTerminatingError(AcrCloudErrors.FileExists(_target, "-NoClobber keeps it"));
            }

            if (!ShouldProcess(_target, $"Export play rows ({Layout} layout)"))
            {
                _skip = true;
                return;
            }

            var headers = Layout == AcrBmCsPlayLayout.Suisa ? SuisaHeaders : DefaultHeaders;
            _cells = new string[headers.Length];
            _file = ReplacingFile.Create(_target);
            // A byte-order mark, so that Excel reads accents right.
            _writer = new StreamWriter(_file.Stream, new UTF8Encoding(true)) { NewLine = "\r\n" };
            WriteLine(headers);
        }

        protected override void ProcessRecord()
        {
            if (_skip || _writer == null) return;
            if (Layout == AcrBmCsPlayLayout.Suisa) FillSuisa(InputObject, StationName!, _cells);
            else FillDefault(InputObject, _cells);
            WriteLine(_cells);
        }

        protected override void EndProcessing()
        {
            if (_skip || _writer == null) return;
            // Closing the writer closes the file's stream; Commit only moves the file.
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

        private void WriteLine(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) _writer!.Write(Delimiter);
                WriteCell(cells[i]);
            }

            _writer!.WriteLine();
        }

        private void WriteCell(string value)
        {
            if (value.IndexOf('"') < 0 && value.IndexOf(Delimiter) < 0 && value.IndexOf('\r') < 0 && value.IndexOf('\n') < 0)
            {
                _writer!.Write(value);
                return;
            }

            _writer!.Write('"');
            _writer.Write(value.Replace("\"", "\"\""));
            _writer.Write('"');
        }

        internal static void FillDefault(AcrBmCsPlay play, string[] cells)
        {
            var inv = CultureInfo.InvariantCulture;
            cells[0] = play.ProjectId?.ToString(inv) ?? "";
            cells[1] = play.StreamId ?? "";
            cells[2] = play.StartUtc.ToString("yyyy-MM-dd HH:mm:ss", inv) + "Z";
            cells[3] = LocalWithOffset(play);
            cells[4] = play.DurationSec.ToString("0.###", inv);
            cells[5] = play.Kind;
            cells[6] = play.Title ?? "";
            cells[7] = play.Artists ?? "";
            cells[8] = play.Album ?? "";
            cells[9] = play.Label ?? "";
            cells[10] = play.Isrc ?? "";
            cells[11] = play.Upc ?? "";
            cells[12] = play.Composers ?? "";
            cells[13] = play.ReleaseDate ?? "";
            cells[14] = play.Acrid ?? "";
            cells[15] = play.Score?.ToString("0.###", inv) ?? "";
        }

        internal static void FillSuisa(AcrBmCsPlay play, string station, string[] cells)
        {
            var inv = CultureInfo.InvariantCulture;
            Array.Clear(cells, 0, cells.Length);
            cells[0] = station;
            cells[1] = play.Title ?? "";
            cells[2] = Names(play.Composers);
            cells[3] = Names(play.Artists);
            cells[4] = play.StartLocal.ToString("yyyy-MM-dd", inv);
            var duration = TimeSpan.FromSeconds(Math.Round(play.DurationSec));
            cells[5] = ((int)duration.TotalHours).ToString("00", inv) + duration.ToString(@"\:mm\:ss", inv);
            cells[6] = play.StartLocal.ToString("HH:mm:ss", inv);
            cells[7] = CleanIsrc(play.Isrc);
            cells[8] = play.Label ?? "";
            cells[9] = play.StartUtc.ToString("yyyy-MM-ddTHH:mm:ss", inv) + "Z" + (play.Acrid == null ? "" : "#acrid=" + play.Acrid);
            cells[10] = "nein";
            cells[11] = FirstOf(play.Upc);
            cells[12] = play.Album ?? "";
            cells[15] = ReleaseDate(play.ReleaseDate);
            for (var i = 0; i < cells.Length; i++) cells[i] ??= "";
        }

        private static string LocalWithOffset(AcrBmCsPlay play)
        {
            // The offset is what tells the two 02:18 of the night summer time ends apart.
            var offset = TimeSpan.FromMinutes(Math.Round((play.StartLocal - play.StartUtc).TotalMinutes));
            return new DateTimeOffset(DateTime.SpecifyKind(play.StartLocal, DateTimeKind.Unspecified), offset)
                .ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        // Play rows join lists with "; "; the society's layout joins names with ", ".
        private static string Names(string? joined) => joined == null ? "" : joined.Replace("; ", ", ");

        private static string FirstOf(string? joined)
        {
            if (string.IsNullOrEmpty(joined)) return "";
            var end = joined!.IndexOf(';');
            return (end < 0 ? joined : joined.Substring(0, end)).Trim();
        }

        internal static string CleanIsrc(string? joined)
        {
            var first = FirstOf(joined).Replace(" ", "").ToUpperInvariant();
            if (first.StartsWith("ISRC", StringComparison.Ordinal)) first = first.Substring(4);
            first = first.Replace("-", "");
            return ValidIsrc.IsMatch(first) ? first : "";
        }

        // A bare year is dropped: the layout wants a full date or nothing.
        private static string ReleaseDate(string? value)
        {
            var match = value == null ? null : FullDate.Match(value.Trim());
            return match != null && match.Success ? match.Groups[1].Value + match.Groups[2].Value + match.Groups[3].Value : "";
        }
    }
}
