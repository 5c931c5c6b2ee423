using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>Reads fields out of result records whatever shape the loose real data takes: objects or
    /// case-sensitive dictionaries, a value or a list of values, capitalised keys in custom files.</summary>
    internal static class RecordReader
    {
        public const string Separator = "; ";

        /// <summary>A field by name: the exact key first, then any key that differs only by case.</summary>
        public static object? Get(object? value, string name) => Unwrap(JsonValues.Get(value, name));

        /// <summary>The first field of several names that has a value.</summary>
        public static object? GetAny(object? value, params string[] names) =>
            names.Select(name => Get(value, name)).FirstOrDefault(found => found != null && !(found is string text && text.Length == 0));

        /// <summary>The items of a list field (a single value counts as a list of one).</summary>
        public static IEnumerable<object?> Items(object? value)
        {
            if (value == null) return Enumerable.Empty<object?>();
            if (value is string || value is IDictionary || value is PSObject) return new[] { value };
            return value is IEnumerable list ? list.Cast<object?>().Select(Unwrap) : new[] { value };
        }

        /// <summary>Text of a value, a list of values, or of objects' <c>name</c>, joined with <see cref="Separator"/>.</summary>
        public static string? JoinedText(object? value)
        {
            var parts = Items(value)
                .Select(item => item is string || item == null || IsScalar(item) ? Text(item) : Text(Get(item, "name")))
                .Where(text => !string.IsNullOrWhiteSpace(text))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return parts.Count == 0 ? null : string.Join(Separator, parts);
        }

        public static string? Text(object? value) => value switch
        {
            null => null,
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => IsScalar(value) ? value.ToString() : null,
        };

        public static double? Number(object? value)
        {
            // The parsed JSON holds Int64, Double or Decimal: those convert directly, because PowerShell's
            // conversion takes a process-wide lock for every call, which a report pays per field per record.
            switch (value)
            {
                case null:
                    return null;
                case long integer:
                    return integer;
                case double real:
                    return real;
                case int small:
                    return small;
                case decimal exact:
                    return (double)exact;
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
                default:
                    return LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out double number) ? number : (double?)null;
            }
        }

        // PSObject is IFormattable too, but it stands for an object here, not a value.
        private static bool IsScalar(object value) => !(value is PSObject) && (value is string || value is IFormattable || value is bool);

        private static object? Unwrap(object? value) =>
            value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
    }
}
