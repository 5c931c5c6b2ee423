using System;
using System.Collections.Generic;
using System.Linq;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Finds a time zone by IANA id (Europe/Zurich) or Windows id (W. Europe Standard Time).</summary>
    internal static class TimeZones
    {
        public static bool TryFind(string? id, out TimeZoneInfo zone)
        {
            zone = TimeZoneInfo.Utc;
            if (string.IsNullOrWhiteSpace(id) || string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) || string.Equals(id, "Etc/UTC", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return TimeZoneLookup.TryFind(id!, out zone);
        }

        /// <summary>The ids to offer for tab completion: IANA ids, then Windows ids, and UTC.</summary>
        public static IEnumerable<string> Ids() => Enumerable.Repeat("UTC", 1).Concat(TimeZoneLookup.Ids()).Distinct(StringComparer.OrdinalIgnoreCase);

        /// <summary>The UTC instant of a local midnight; where that midnight does not exist (a zone that springs
        /// forward at 00:00), the first local time of that day that does.</summary>
        public static DateTime StartOfLocalDayUtc(DateTime localDate, TimeZoneInfo zone)
        {
            var local = DateTime.SpecifyKind(localDate.Date, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }
    }
}
