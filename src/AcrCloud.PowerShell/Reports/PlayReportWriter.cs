using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Writes the rows of a report, one at a time, to the temporary file of a <see cref="ReplacingFile"/>.</summary>
    internal abstract class PlayReportWriter : IDisposable
    {
        private readonly PlayMerger? _merger;

        protected PlayReportWriter(PlayReportLayout layout)
        {
            Layout = layout;
            Values = new object?[layout.Columns.Count];
            if (layout.MergesAirings) _merger = new PlayMerger();
        }

        protected PlayReportLayout Layout { get; }
        protected object?[] Values { get; }

        public void Add(AcrBmCsPlay play)
        {
            var row = _merger == null ? play : _merger.Add(play);
            if (row == null) return;
            Layout.Fill(row, Values);
            Write(row);
        }

        /// <summary>Finishes the file; nothing is complete before this returns.</summary>
        public void Complete()
        {
            var last = _merger?.Flush();
            if (last != null)
            {
                Layout.Fill(last, Values);
                Write(last);
            }

            Finish();
        }

        protected abstract void Finish();

        public abstract void Dispose();

        protected abstract void Write(AcrBmCsPlay play);

        /// <summary>A writer for the format that <paramref name="extension"/> names, or null for one we cannot write.</summary>
        public static PlayReportWriter? For(string extension, ReplacingFile file, PlayReportLayout layout, char delimiter, bool daySummary)
        {
            if (string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase)) return new CsvPlayReportWriter(file.Stream, layout, delimiter);
            if (string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase)) return new XlsxPlayReportWriter(file, layout, daySummary);
            return null;
        }
    }

    /// <summary>RFC 4180 in Excel's dialect: UTF-8 with a byte-order mark (so that Excel reads accents right), CRLF rows,
    /// quotes only where a cell needs them.</summary>
    internal sealed class CsvPlayReportWriter : PlayReportWriter
    {
        private readonly char _delimiter;
        private StreamWriter? _writer;

        public CsvPlayReportWriter(Stream stream, PlayReportLayout layout, char delimiter)
            : base(layout)
        {
            _delimiter = delimiter;
            _writer = new StreamWriter(stream, new UTF8Encoding(true)) { NewLine = "\r\n" };
            for (var i = 0; i < layout.Columns.Count; i++)
            {
                if (i > 0) _writer.Write(_delimiter);
                WriteCell(layout.Columns[i].Header);
            }

            _writer.WriteLine();
        }

        protected override void Finish()
        {
            _writer?.Dispose();
            _writer = null;
        }

        public override void Dispose() => Finish();

        protected override void Write(AcrBmCsPlay play)
        {
            var columns = Layout.Columns;
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0) _writer!.Write(_delimiter);
                WriteCell(columns[i].CsvText(Values[i]));
            }

            _writer!.WriteLine();
        }

        private void WriteCell(string value)
        {
            if (value.IndexOf('"') < 0 && value.IndexOf(_delimiter) < 0 && value.IndexOf('\r') < 0 && value.IndexOf('\n') < 0)
            {
                _writer!.Write(value);
                return;
            }

            _writer!.Write('"');
            _writer.Write(value.Replace("\"", "\"\""));
            _writer.Write('"');
        }
    }

    /// <summary>An Office Open XML workbook: bold, frozen header with an auto-filter, fitted widths, real date cells,
    /// durations as numbers; optionally a second sheet with the summary by day.</summary>
    internal sealed class XlsxPlayReportWriter : PlayReportWriter
    {
        private readonly Stream _stream;
        private readonly XlsxWorkbook _workbook;
        private readonly XlsxSheet _plays;
        private readonly PlaySummary? _days;

        public XlsxPlayReportWriter(ReplacingFile file, PlayReportLayout layout, bool daySummary)
            : base(layout)
        {
            _stream = file.Stream;
            // The spool files sit beside the report's temporary file and go when they are closed.
            _workbook = new XlsxWorkbook(Path.Combine(Path.GetDirectoryName(file.Target) ?? ".",
                "." + Path.GetFileName(file.Target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".rows"));
            _plays = _workbook.AddSheet(layout.SheetName, layout.Columns.Select(column => column.ToXlsx()).ToList());
            if (daySummary) _days = new PlaySummary(AcrBmCsPlayGroup.Day);
        }

        protected override void Finish()
        {
            if (_days != null)
            {
                var columns = SummaryColumns.Select(column => column.ToXlsx()).ToList();
                var sheet = _workbook.AddSheet("Days", columns);
                var values = new object?[columns.Count];
                foreach (var group in _days.Groups(top: null))
                {
                    FillSummary(group, values);
                    sheet.AddRow(values);
                }
            }

            _workbook.Save(_stream);
        }

        public override void Dispose() => _workbook.Dispose();

        protected override void Write(AcrBmCsPlay play)
        {
            for (var i = 0; i < Values.Length; i++) Values[i] = Layout.Columns[i].ExcelValue(Values[i]);
            _plays.AddRow(Values);
            _days?.Add(play);
        }

        private static readonly ReportColumn[] SummaryColumns =
        {
            new ReportColumn("Day", ReportCellKind.Date, excelFormat: "dd.mm.yyyy"),
            new ReportColumn("Plays", ReportCellKind.Number),
            new ReportColumn("AirtimeSec", ReportCellKind.Number),
            new ReportColumn("Airtime", ReportCellKind.Duration),
            new ReportColumn("Tracks", ReportCellKind.Number),
            new ReportColumn("First", ReportCellKind.LocalDateTime),
            new ReportColumn("Last", ReportCellKind.LocalDateTime),
            new ReportColumn("Share", ReportCellKind.Number, excelFormat: "0.0%"),
        };

        private static void FillSummary(AcrBmCsPlaySummary group, object?[] values)
        {
            values[0] = group.First.DateTime.Date;
            values[1] = group.Plays;
            values[2] = group.AirtimeSec;
            values[3] = group.Airtime;
            values[4] = group.Tracks;
            values[5] = group.First.DateTime;
            values[6] = group.Last.DateTime;
            values[7] = group.Share;
        }
    }
}
