using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>Turns PowerShell values into query-string text the way the console API expects them: text as it is,
    /// numbers in the invariant culture, booleans and switches as 1/0, dates as yyyyMMdd, a list comma-separated
    /// (date=20261101,20261102); anything else (a dictionary, an object, a list of lists) is refused.</summary>
    internal static class QueryString
    {
        public static List<KeyValuePair<string, string>> FromDictionary(IDictionary? query)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (query == null) return pairs;
            foreach (DictionaryEntry entry in query)
            {
                var key = Format(entry.Key);
                if (string.IsNullOrEmpty(key)) continue;
                pairs.Add(new KeyValuePair<string, string>(key, FormatValue(key, entry.Value)));
            }

            return pairs;
        }

        /// <summary>One -Query value as text: a refusal names the key, since it cannot be sent as written.</summary>
        private static string FormatValue(string key, object? value)
        {
            try
            {
                return Format(value);
            }
            catch (ArgumentException problem)
            {
                throw new ArgumentException($"-Query '{key}': {problem.Message}", problem);
            }
        }

        public static string Format(object? value) => Format(value, true);

        private static string Format(object? value, bool listAllowed)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (value)
            {
                case null:
                    return string.Empty;
                case string text:
                    return text;
                // The API's flags (with_false_positive, timemap) are 0 or 1.
                case bool flag:
                    return flag ? "1" : "0";
                case SwitchParameter flag:
                    return flag.IsPresent ? "1" : "0";
                // The API writes its dates as yyyyMMdd (date=20261102); the time of day has no place in a query.
                case DateTime date:
                    return date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                case DateTimeOffset date:
                    return date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                case Enum choice:
                    return choice.ToString();
                case IFormattable formattable when IsNumber(formattable):
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                case char letter:
                    return letter.ToString();
                case Guid id:
                    return id.ToString();
                case IDictionary _:
                    throw new ArgumentException("a dictionary cannot be a query value; give text, a number, a date, a boolean or a list of those.");
                // Lists of ids are comma-separated in the API (for example stream ids).
                case IEnumerable items when listAllowed:
                    var parts = new List<string>();
                    foreach (var item in items) parts.Add(Format(item is PSObject inner ? inner.BaseObject : item, false));
                    return string.Join(",", parts);
                case IEnumerable _:
                    throw new ArgumentException("a list inside a list cannot be a query value; give one comma-separated list.");
                default:
                    throw new ArgumentException($"a {value.GetType().Name} cannot be a query value; give text, a number, a date, a boolean or a list of those.");
            }
        }

        private static bool IsNumber(object value) =>
            value is byte || value is sbyte || value is short || value is ushort || value is int || value is uint
            || value is long || value is ulong || value is float || value is double || value is decimal
            || value is System.Numerics.BigInteger;
    }
}
