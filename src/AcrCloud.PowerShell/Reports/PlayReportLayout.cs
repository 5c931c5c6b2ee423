using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using AcrCloud.Engine;
using AcrCloud.PowerShell.Commands;

namespace AcrCloud.PowerShell
{
    /// <summary>The columns of a play report and the values of one row, typed so that each file format writes them
    /// its own way (<see cref="ReportColumn"/>).</summary>
    internal abstract class PlayReportLayout
    {
        public abstract string SheetName { get; }
        public abstract IReadOnlyList<ReportColumn> Columns { get; }

        /// <summary>Whether the rows are airings: split detections joined by the rule of -MergeConsecutive.</summary>
        public virtual bool MergesAirings => false;

        /// <summary>Puts the values of <paramref name="play"/> into <paramref name="values"/>, one per column.</summary>
        public abstract void Fill(AcrBmCsPlay play, object?[] values);

        public static PlayReportLayout For(AcrBmCsPlayLayout layout, string? stationName) =>
            layout == AcrBmCsPlayLayout.Suisa ? new SuisaLayout(stationName ?? "") : (PlayReportLayout)new DefaultLayout();
    }

    /// <summary>Every property of a play row, in its order.</summary>
    internal sealed class DefaultLayout : PlayReportLayout
    {
        private static readonly ReportColumn[] Cells =
        {
            new ReportColumn("ProjectId", ReportCellKind.Number),
            new ReportColumn("StreamId"),
            new ReportColumn("StreamName"),
            new ReportColumn("StartUtc", ReportCellKind.UtcDateTime),
            new ReportColumn("EndUtc", ReportCellKind.UtcDateTime),
            new ReportColumn("StartLocal", ReportCellKind.LocalDateTime),
            new ReportColumn("UtcOffset", ReportCellKind.Offset),
            new ReportColumn("DurationSec", ReportCellKind.Number),
            new ReportColumn("Kind"),
            new ReportColumn("Title"),
            new ReportColumn("Artists"),
            new ReportColumn("Album"),
            new ReportColumn("Label"),
            new ReportColumn("Isrc"),
            new ReportColumn("Iswc"),
            new ReportColumn("Upc"),
            new ReportColumn("CatalogNumber"),
            new ReportColumn("Composers"),
            new ReportColumn("Lyricists"),
            new ReportColumn("Writers"),
            new ReportColumn("Genres"),
            new ReportColumn("Language"),
            new ReportColumn("ReleaseDate"),
            new ReportColumn("Acrid"),
            new ReportColumn("Score", ReportCellKind.Number),
        };

        public override string SheetName => "Plays";
        public override IReadOnlyList<ReportColumn> Columns => Cells;

        public override void Fill(AcrBmCsPlay play, object?[] values)
        {
            values[0] = play.ProjectId;
            values[1] = play.StreamId;
            values[2] = play.StreamName;
            values[3] = play.StartUtc;
            values[4] = play.EndUtc;
            values[5] = play.StartLocalWithOffset();
            values[6] = play.UtcOffset;
            values[7] = play.DurationSec;
            values[8] = play.Kind;
            values[9] = play.Title;
            values[10] = play.Artists;
            values[11] = play.Album;
            values[12] = play.Label;
            values[13] = play.Isrc;
            values[14] = play.Iswc;
            values[15] = play.Upc;
            values[16] = play.CatalogNumber;
            values[17] = play.Composers;
            values[18] = play.Lyricists;
            values[19] = play.Writers;
            values[20] = play.Genres;
            values[21] = play.Language;
            values[22] = play.ReleaseDate;
            values[23] = play.Acrid;
            values[24] = play.Score;
        }
    }

    /// <summary>The 21 columns of the Swiss collecting society's broadcast report, with its cell rules
    /// (../shared/suisa-report.md in the design notes; the help of Export-AcrBmCsPlay says them).</summary>
    internal sealed class SuisaLayout : PlayReportLayout
    {
        private const string ExcelDate = "dd.mm.yyyy";
        private static readonly Regex ValidIsrc = new Regex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$", RegexOptions.CultureInvariant);
        private static readonly Regex FullDate = new Regex(@"^(\d{4})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant);

        private static readonly ReportColumn[] Cells =
        {
            Required("Sender"),
            Required("Titel des Musikwerks"),
            Required("Name des Komponisten"),
            Required("Interpret(en)"),
            Required("Sendedatum", ReportCellKind.Date, ExcelDate),
            Required("Sendedauer", ReportCellKind.Duration),
            Required("Sendezeit", ReportCellKind.Time),
            Required("ISRC"),
            Required("Label"),
            Required("Identifikationsnummer"),
            Required("Eigenaufnahmen"),
            Subsidiary("EAN / GTIN"),
            Subsidiary("Albumtitel / Titel des Tonträgers"),
            Subsidiary("Aufnahmedatum", ReportCellKind.Date, ExcelDate),
            Subsidiary("Aufnahmeland"),
            Subsidiary("Erstveröffentlichungsdatum", ReportCellKind.CompactDate, ExcelDate),
            Subsidiary("Katalog-Nummer / CD ID"),
            Subsidiary("Werkverzeichnisangaben"),
            Subsidiary("Bestellnummer"),
            new ReportColumn("Veröffentlichungsland"),
            new ReportColumn("Liveaufnahme"),
        };

        private readonly string _station;

        public SuisaLayout(string station)
        {
            _station = station;
        }

        public override string SheetName => "Sendemeldung";
        public override IReadOnlyList<ReportColumn> Columns => Cells;

        // The society is told of airings, as the public reporting tool reports them, but never of one for two.
        public override bool MergesAirings => true;

        public override void Fill(AcrBmCsPlay play, object?[] values)
        {
            Array.Clear(values, 0, values.Length);
            values[0] = _station;
            values[1] = play.Title;
            values[2] = Names(Composers(play));
            values[3] = Names(play.Artists);
            values[4] = play.StartLocal.Date;
            values[5] = play.DurationSec.HasValue ? TimeSpan.FromSeconds(play.DurationSec.Value) : (TimeSpan?)null;
            values[6] = play.StartLocal.TimeOfDay;
            values[7] = CleanIsrc(play.Isrc);
            values[8] = play.Label;
            values[9] = play.StartUtc.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z" +
                (play.Acrid == null ? "" : "#acrid=" + play.Acrid);
            values[10] = "nein";
            values[11] = FirstOf(play.Upc);
            values[12] = play.Album;
            values[15] = ReleaseDate(play.ReleaseDate);
            values[16] = play.CatalogNumber;
        }

        private static ReportColumn Required(string header, ReportCellKind kind = ReportCellKind.Text, string? format = null) =>
            new ReportColumn(header, kind, XlsxFill.Required, format);

        private static ReportColumn Subsidiary(string header, ReportCellKind kind = ReportCellKind.Text, string? format = null) =>
            new ReportColumn(header, kind, XlsxFill.Subsidiary, format);

        // The recording's composers, unless there are none or they only repeat the artists: then the works
        // database's composers and writers.
        private static string? Composers(AcrBmCsPlay play) =>
            string.IsNullOrEmpty(play.Composers) || string.Equals(play.Composers, play.Artists, StringComparison.OrdinalIgnoreCase)
                ? play.Writers ?? play.Composers : play.Composers;

        // Play rows join lists with "; "; the society's layout joins names with ", ".
        private static string? Names(string? joined) => joined?.Replace(RecordReader.Separator, ", ");

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
        internal static DateTime? ReleaseDate(string? value)
        {
            var match = value == null ? null : FullDate.Match(value.Trim());
            if (match == null || !match.Success) return null;
            var year = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            return month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && year >= 1
                ? new DateTime(year, month, day) : (DateTime?)null;
        }
    }
}
