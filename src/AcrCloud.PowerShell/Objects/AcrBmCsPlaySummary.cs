using System;

namespace AcrCloud.PowerShell
{
    /// <summary>What Measure-AcrBmCsPlay groups play rows by.</summary>
    public enum AcrBmCsPlayGroup
    {
        /// <summary>One group per stream (project and stream id).</summary>
        Stream,
        /// <summary>One group per local day of StartLocal.</summary>
        Day,
        /// <summary>One group per track (Acrid; title and artists when there is none).</summary>
        Track,
        /// <summary>One group per Artists value.</summary>
        Artist,
    }

    /// <summary>The plays of one group (a stream, a day, a track or an artist) summed up.</summary>
    public sealed class AcrBmCsPlaySummary
    {
        public AcrBmCsPlayGroup GroupBy { get; set; }
        /// <summary>The group: the stream id, the day as yyyy-MM-dd, "artists - title", or the artists.</summary>
        public string Name { get; set; } = "";
        public int Plays { get; set; }
        public double AirtimeSec { get; set; }
        public TimeSpan Airtime { get; set; }
        /// <summary>Distinct Acrid values among the plays.</summary>
        public int Tracks { get; set; }
        /// <summary>The local start of the group's first play, with its offset.</summary>
        public DateTimeOffset First { get; set; }
        /// <summary>The local start of the group's last play, with its offset.</summary>
        public DateTimeOffset Last { get; set; }
        /// <summary>The group's part of the airtime of all rows measured, from 0 to 1.</summary>
        public double Share { get; set; }
        /// <summary>A bar of up to 20 blocks, the longest for the group with the most airtime.</summary>
        public string Bar { get; set; } = "";

        public override string ToString() => $"{Name}: {Plays} plays, {Airtime}";
    }
}
