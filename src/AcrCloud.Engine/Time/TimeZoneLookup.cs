using System;
using System.Collections.Generic;
using System.Linq;
using TimeZoneConverter;

namespace AcrCloud.Engine
{
    /// <summary>Finds a time zone by IANA id (Europe/Zurich) or Windows id (W. Europe Standard Time) on every
    /// platform, Windows PowerShell's .NET Framework included, which knows only Windows ids by itself.</summary>
    internal static class TimeZoneLookup
    {
        public static bool TryFind(string id, out TimeZoneInfo zone)
        {
            if (TZConvert.TryGetTimeZoneInfo(id.Trim(), out var found))
            {
                zone = found;
                return true;
            }

            zone = TimeZoneInfo.Utc;
            return false;
        }

        /// <summary>IANA ids first (what most people type), then Windows ids.</summary>
        public static IEnumerable<string> Ids() =>
            TZConvert.KnownIanaTimeZoneNames.OrderBy(id => id, StringComparer.OrdinalIgnoreCase)
                .Concat(TZConvert.KnownWindowsTimeZoneIds.OrderBy(id => id, StringComparer.OrdinalIgnoreCase));
    }
}
