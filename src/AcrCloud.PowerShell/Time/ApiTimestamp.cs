using System;
using System.Globalization;

namespace AcrCloud.PowerShell
{
    /// <summary>Reads the API's timestamps (<c>timestamp_utc</c> "2024-03-01 22:58:41", UTC without a zone marker;
    /// state intervals' start and end) as UTC.</summary>
    internal static class ApiTimestamp
    {
        // Allocated once: read for every record a report converts.
        private static readonly string[] Formats = { "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK" };

        public static bool TryParse(object? value, out DateTime utc)
        {
            utc = default;
            if (!(value is string text)) return false;
            // Nearly every timestamp has the plain form; read by hand it costs a fiftieth of DateTime.TryParseExact,
            // which was more than half of ConvertTo-AcrBmCsPlay's time on a month of records.
            if (TryParsePlain(text, out utc)) return true;
            return DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
        }

        /// <summary>Exactly "yyyy-MM-dd HH:mm:ss" (or with a 'T'), a valid date and time; anything else, even a
        /// form the formats accept, is left to them so that both readings never differ.</summary>
        internal static bool TryParsePlain(string text, out DateTime utc)
        {
            utc = default;
            if (text.Length != 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') return false;
            if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day) ||
                !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
            {
                return false;
            }

            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }

        private static bool TryDigits(string text, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = text[i] - '0';
                if (digit < 0 || digit > 9) return false;
                value = (value * 10) + digit;
            }

            return true;
        }
    }
}
