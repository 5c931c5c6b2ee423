using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>Reads a date given as text the same way on every machine. PowerShell's own conversion uses the
    /// invariant culture on the command line, the current culture elsewhere, and turns a UTC time into local time,
    /// so one script could ask for different days on different machines. Accepted: yyyy-MM-dd, yyyyMMdd, and
    /// ISO 8601 date-times; one with an offset or Z stands for its UTC instant (whose UTC calendar date counts).
    /// Anything else given as text is refused with the ISO form to write instead. DateTime values pass through.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class IsoDateAttribute : ArgumentTransformationAttribute
    {
        private static readonly char[] TimeStarts = { 'T', 't', ' ' };
        private static readonly char[] OffsetSigns = { '+', '-' };
        private static readonly string[] DateOnly = { "yyyy-MM-dd", "yyyyMMdd" };

        private static readonly string[] Local =
        {
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        };

        private static readonly string[] WithOffset =
        {
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        };

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text) return Read(text);
            // 20261102 unquoted on the command line arrives as a number; PowerShell would read it as ticks.
            if (value is int || value is long) return Read(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
            if (value is DateTimeOffset offset) return offset.UtcDateTime;
            if (value is IList list && !(value is DateTime[]))
            {
                var dates = new List<object?>(list.Count);
                foreach (var item in list) dates.Add(Transform(engineIntrinsics, item));
                return dates.ToArray();
            }

            return inputData;
        }

        internal static DateTime Read(string text)
        {
            var trimmed = text.Trim();
            var invariant = CultureInfo.InvariantCulture;
            if (DateTime.TryParseExact(trimmed, DateOnly, invariant, DateTimeStyles.None, out var day)) return day;
            if (trimmed.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || HasOffset(trimmed))
            {
                if (DateTimeOffset.TryParseExact(trimmed, WithOffset, invariant, DateTimeStyles.None, out var instant)) return instant.UtcDateTime;
            }
            else if (DateTime.TryParseExact(trimmed, Local, invariant, DateTimeStyles.None, out var local))
            {
                return local;
            }

            throw new ArgumentTransformationMetadataException(Refusal(trimmed));
        }

        private static bool HasOffset(string text)
        {
            // An offset follows the time: +01:00 or -05:00 after the 'T' or space that starts it.
            var time = text.IndexOfAny(TimeStarts);
            return time > 0 && text.IndexOfAny(OffsetSigns, time) > 0;
        }

        private static string Refusal(string text)
        {
            var culture = CultureInfo.CurrentCulture;
            var guess = DateTime.TryParse(text, culture, DateTimeStyles.None, out var read)
                ? $" (read in the culture {Name(culture)} it would be {read:yyyy-MM-dd}, but another machine may read it differently)"
                : string.Empty;
            return $"'{text}' is not an ISO date{guess}. Write the date as yyyy-MM-dd, such as {(guess.Length > 0 ? read : DateTime.UtcNow):yyyy-MM-dd}, as yyyyMMdd, or as an ISO 8601 time with an offset or Z, such as 2026-11-02T23:30:00Z.";
        }

        private static string Name(CultureInfo culture) => culture.Name.Length == 0 ? "invariant" : culture.Name;
    }
}
