using System;
using System.Globalization;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>What a report cell holds, which decides how it is written: the text of a CSV cell (the same in every
    /// culture) and the value and number format of an Excel cell.</summary>
    internal enum ReportCellKind
    {
        /// <summary>A string.</summary>
        Text,
        /// <summary>An int or a double.</summary>
        Number,
        /// <summary>A UTC DateTime: <c>2026-11-01 23:24:44Z</c>.</summary>
        UtcDateTime,
        /// <summary>A local DateTimeOffset: <c>2026-11-02 00:24:44+01:00</c>; in Excel the local date and time.</summary>
        LocalDateTime,
        /// <summary>A DateTime of which the date counts: <c>2026-11-02</c>.</summary>
        Date,
        /// <summary>A date written <c>20261102</c> in CSV.</summary>
        CompactDate,
        /// <summary>A time of day as a TimeSpan: <c>00:24:44</c>.</summary>
        Time,
        /// <summary>A duration as a TimeSpan: <c>00:03:07</c>, hours beyond 24 kept.</summary>
        Duration,
        /// <summary>A UTC offset as a TimeSpan: <c>+01:00</c>.</summary>
        Offset,
    }

    /// <summary>One column of a report: header, kind, and in Excel its number format and header fill.</summary>
    internal sealed class ReportColumn
    {
        public ReportColumn(string header, ReportCellKind kind = ReportCellKind.Text, XlsxFill fill = XlsxFill.None, string? excelFormat = null)
        {
            Header = header;
            Kind = kind;
            Fill = fill;
            ExcelFormat = excelFormat ?? DefaultExcelFormat(kind);
        }

        public string Header { get; }
        public ReportCellKind Kind { get; }
        public XlsxFill Fill { get; }
        public string? ExcelFormat { get; }

        public XlsxColumn ToXlsx() => new XlsxColumn(Header, ExcelFormat, Fill);

        /// <summary>The CSV text of a value of this column: invariant, ISO 8601, empty for null.</summary>
        public string CsvText(object? value)
        {
            var inv = CultureInfo.InvariantCulture;
            switch (value)
            {
                case null:
                    return "";
                case string text:
                    return text;
                case DateTimeOffset local:
                    return local.ToString("yyyy-MM-dd HH:mm:sszzz", inv);
                case DateTime date:
                    return Kind switch
                    {
                        ReportCellKind.UtcDateTime => date.ToString("yyyy-MM-dd HH:mm:ss", inv) + "Z",
                        ReportCellKind.CompactDate => date.ToString("yyyyMMdd", inv),
                        ReportCellKind.Date => date.ToString("yyyy-MM-dd", inv),
                        _ => date.ToString("yyyy-MM-dd HH:mm:ss", inv),
                    };
                case TimeSpan span:
                    return Kind switch
                    {
                        ReportCellKind.Offset => (span < TimeSpan.Zero ? "-" : "+") + span.ToString(@"hh\:mm", inv),
                        ReportCellKind.Duration => ((long)span.TotalHours).ToString("00", inv) + span.ToString(@"\:mm\:ss", inv),
                        _ => span.ToString(@"hh\:mm\:ss", inv),
                    };
                case double number:
                    return number.ToString("0.###", inv);
                case IFormattable formattable:
                    return formattable.ToString(null, inv);
                default:
                    return value.ToString() ?? "";
            }
        }

        /// <summary>The Excel value of a value of this column: a local DateTimeOffset becomes its local date and time
        /// (Excel has no offsets), an offset its text.</summary>
        public object? ExcelValue(object? value) => value switch
        {
            DateTimeOffset local => local.DateTime,
            TimeSpan span when Kind == ReportCellKind.Offset => CsvText(span),
            _ => value,
        };

        private static string? DefaultExcelFormat(ReportCellKind kind) => kind switch
        {
            ReportCellKind.UtcDateTime => "yyyy-mm-dd hh:mm:ss",
            ReportCellKind.LocalDateTime => "yyyy-mm-dd hh:mm:ss",
            ReportCellKind.Date => "yyyy-mm-dd",
            ReportCellKind.CompactDate => "yyyy-mm-dd",
            ReportCellKind.Time => "hh:mm:ss",
            ReportCellKind.Duration => "[hh]:mm:ss",
            _ => null,
        };
    }
}
