using System;

namespace AcrCloud.PowerShell
{
    /// <summary>One detection (or one airing, merged) as a flat row: who played what, when, and for how long.
    /// Identifiers that the API sends as lists (ISRC, ISWC, UPC) and lists of names are joined with "; ".</summary>
    public sealed class AcrBmCsPlay
    {
        public int? ProjectId { get; set; }
        public string? StreamId { get; set; }
        /// <summary>The stream's name, when the stream objects were piped into Get-AcrBmCsResult.</summary>
        public string? StreamName { get; set; }
        public DateTime StartUtc { get; set; }
        /// <summary>The end of the play (of its last part, when merged); empty when the record has no duration.</summary>
        public DateTime? EndUtc { get; set; }
        public DateTime StartLocal { get; set; }
        /// <summary>The offset of StartLocal from UTC at that moment: what tells apart the two 02:18 of the night
        /// summer time ends.</summary>
        public TimeSpan UtcOffset { get; set; }
        /// <summary>The seconds played (added up when merged), whole seconds as the API gives them; empty when the
        /// record has none.</summary>
        public int? DurationSec { get; set; }
        /// <summary>Music (a track of ACRCloud's music database), CustomFile (a file of your own buckets) or Unknown
        /// (music detected but not recognised).</summary>
        public string Kind { get; set; } = "Music";
        public string? Title { get; set; }
        public string? Artists { get; set; }
        public string? Album { get; set; }
        public string? Label { get; set; }
        public string? Isrc { get; set; }
        public string? Iswc { get; set; }
        public string? Upc { get; set; }
        /// <summary>The album's catalogue number (album.cd_id).</summary>
        public string? CatalogNumber { get; set; }
        public string? Composers { get; set; }
        public string? Lyricists { get; set; }
        /// <summary>The creators of the works database credited as composer or writer (works[].creators, role C,
        /// Composer, W or Writer).</summary>
        public string? Writers { get; set; }
        public string? Genres { get; set; }
        public string? Language { get; set; }
        /// <summary>As the API sends it: a date ("2019-04-12") or a bare year ("2020").</summary>
        public string? ReleaseDate { get; set; }
        public string? Acrid { get; set; }
        public double? Score { get; set; }

        /// <summary>StartLocal with its offset.</summary>
        internal DateTimeOffset StartLocalWithOffset() => new DateTimeOffset(DateTime.SpecifyKind(StartLocal, DateTimeKind.Unspecified), UtcOffset);

        internal AcrBmCsPlay Copy() => (AcrBmCsPlay)MemberwiseClone();

        public override string ToString() => $"{StartUtc:yyyy-MM-dd HH:mm:ss}Z {Title} ({DurationSec} s)";
    }
}
