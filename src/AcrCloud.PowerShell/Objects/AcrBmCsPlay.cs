using System;

namespace AcrCloud.PowerShell
{
    /// <summary>One detection as a flat row, ready for Export-Csv: who played what, when, and for how long.
    /// Identifiers that the API sends as lists (ISRC, UPC) and lists of names are joined with "; ".</summary>
    public sealed class AcrBmCsPlay
    {
        public int? ProjectId { get; set; }
        /// <summary>The stream, or for a broadcast-database channel its id as text.</summary>
        public string? StreamId { get; set; }
        public DateTime StartUtc { get; set; }
        public DateTime StartLocal { get; set; }
        public double DurationSec { get; set; }
        /// <summary>Music (a track of ACRCloud's music database), CustomFile (a file of your own buckets) or Unknown
        /// (music detected but not recognised).</summary>
        public string Kind { get; set; } = "Music";
        public string? Title { get; set; }
        public string? Artists { get; set; }
        public string? Album { get; set; }
        public string? Label { get; set; }
        public string? Isrc { get; set; }
        public string? Upc { get; set; }
        public string? Composers { get; set; }
        /// <summary>As the API sends it: a date ("2019-04-12") or a bare year ("2020").</summary>
        public string? ReleaseDate { get; set; }
        public string? Acrid { get; set; }
        public double? Score { get; set; }

        public override string ToString() => $"{StartUtc:yyyy-MM-dd HH:mm:ss}Z {Title} ({DurationSec} s)";
    }
}
