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

        /// <summary>A field that has a value (an empty text counts as none).</summary>
        public static object? GetAny(object? value, string name) => HasValue(Get(value, name));

        /// <summary>The first field of two names that has a value.</summary>
        public static object? GetAny(object? value, string name, string otherName) => GetAny(value, name) ?? GetAny(value, otherName);

        /// <summary>The first field of several names that has a value.</summary>
        public static object? GetAny(object? value, params string[] names)
        {
            foreach (var name in names)
            {
                if (GetAny(value, name) is { } found) return found;
            }

            return null;
        }

        /// <summary>The items of a list field (a single value counts as a list of one).</summary>
        /// <remarks>Read for several fields of every record a report converts: a list (a parsed one, or one built
        /// from a record's fields) is handed out as it is when none of its items needs unwrapping, rather than copied.</remarks>
        public static IReadOnlyList<object?> Items(object? value)
        {
            if (value == null) return Array.Empty<object?>();
            if (IsSingle(value)) return new[] { value };
            if (value is IReadOnlyList<object?> ready && IsUnwrapped(ready)) return ready;
            return ((IEnumerable)value).Cast<object?>().Select(Unwrap).ToList();
        }

        /// <summary>The first item of a list field, or the value itself when it is not a list.</summary>
        public static object? First(object? value)
        {
            if (value == null || IsSingle(value)) return value;
            foreach (var item in (IEnumerable)value) return Unwrap(item);
            return null;
        }

        /// <summary>Text of a value, a list of values, or of objects' <c>name</c>, joined with <see cref="Separator"/>.</summary>
        public static string? JoinedText(object? value)
        {
            // One part needs neither a list nor a join; most fields of most records have one.
            string? single = null;
            List<string>? parts = null;
            foreach (var item in Items(value))
            {
                var text = item is string || item == null || IsScalar(item) ? Text(item) : Text(Get(item, "name"));
                if (string.IsNullOrWhiteSpace(text) || string.Equals(text, single, StringComparison.Ordinal) || (parts != null && parts.Contains(text!, StringComparer.Ordinal))) continue;
                if (single == null)
                {
                    single = text;
                }
                else
                {
                    parts ??= new List<string> { single };
                    parts.Add(text!);
                }
            }

            return parts == null ? single : string.Join(Separator, parts);
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

        // A string, a dictionary or a wrapped object is one value, though each of them could be enumerated.
        private static bool IsSingle(object value) => value is string || value is IDictionary || value is PSObject || !(value is IEnumerable);

        private static bool IsUnwrapped(IReadOnlyList<object?> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!ReferenceEquals(Unwrap(list[i]), list[i])) return false;
            }

            return true;
        }

        private static object? HasValue(object? found) => found != null && !(found is string text && text.Length == 0) ? found : null;

        private static object? Unwrap(object? value) =>
            value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
    }
}
