using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>Turns PowerShell values into query-string text the way the console API expects them.</summary>
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
                pairs.Add(new KeyValuePair<string, string>(key, Format(entry.Value)));
            }

            return pairs;
        }

        public static string Format(object? value)
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
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                // Lists of ids are comma-separated in the API (for example stream ids).
                case IEnumerable items:
                    var parts = new List<string>();
                    foreach (var item in items) parts.Add(Format(item));
                    return string.Join(",", parts);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }
    }
}
