using System;
using System.Collections.Generic;

namespace AcrCloud.PowerShell
{
    /// <summary>The local days From..To (inclusive) in a time zone, as a half-open UTC interval and the UTC days
    /// that overlap it: what must be fetched, and which records to keep.</summary>
    internal sealed class LocalDayRange
    {
        public LocalDayRange(DateTime from, DateTime to, TimeZoneInfo zone)
        {
            StartUtc = TimeZones.StartOfLocalDayUtc(from, zone);
            EndUtc = TimeZones.StartOfLocalDayUtc(to.Date.AddDays(1), zone);
        }

        /// <summary>The first instant of the range.</summary>
        public DateTime StartUtc { get; }

        /// <summary>The first instant after the range.</summary>
        public DateTime EndUtc { get; }

        /// <summary>Every UTC day with at least one instant inside the range, in order.</summary>
        public IEnumerable<DateTime> UtcDays()
        {
            for (var day = StartUtc.Date; day < EndUtc; day = day.AddDays(1)) yield return day;
        }

        public bool Contains(DateTime utc) => utc >= StartUtc && utc < EndUtc;

        /// <summary>Whether the whole UTC day lies inside the range (its records need no trimming).</summary>
        public bool Covers(DateTime utcDay) => utcDay >= StartUtc && utcDay.AddDays(1) <= EndUtc;
    }
}
