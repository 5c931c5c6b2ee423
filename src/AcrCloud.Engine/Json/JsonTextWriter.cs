using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Writes values as JSON text straight from the record tree: the JSON names as the API sent them (both
    /// of a pair that differs only by case), in order, at any depth, without PowerShell's per-property reflection.
    /// Other values are written as ConvertTo-Json would: PSCustomObjects and dictionaries as objects, lists as
    /// arrays, dates in ISO 8601, anything else as its text.</summary>
    internal static class JsonTextWriter
    {
        private const int MaxDepth = 256;

        public static string Write(object? value, bool indented = false)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteValue(writer, value, 0);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        /// <summary>Writes one value to an open writer (for a caller that writes many values into one array).</summary>
        public static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth + 1) throw new InvalidDataException("The value is nested more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep.");
            if (value is PSObject wrapped)
            {
                if (!(wrapped.BaseObject is PSCustomObject))
                {
                    WriteValue(writer, wrapped.BaseObject, depth);
                    return;
                }

                writer.WriteStartObject();
                foreach (var property in wrapped.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            }

            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string text:
                    writer.WriteStringValue(text);
                    return;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    return;
                case long integer:
                    writer.WriteNumberValue(integer);
                    return;
                case int integer:
                    writer.WriteNumberValue(integer);
                    return;
                case double number:
                    if (double.IsNaN(number) || double.IsInfinity(number)) writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    else writer.WriteNumberValue(number);
                    return;
                case decimal number:
                    writer.WriteNumberValue(number);
                    return;
                case DateTime date:
                    writer.WriteStringValue(date.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset date:
                    writer.WriteStringValue(date.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        WriteValue(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
            }

            var source = JsonObjectSource.SourceOf(value);
            if (source != null)
            {
                writer.WriteStartObject();
                var count = source.Count;
                for (var i = 0; i < count; i++)
                {
                    writer.WritePropertyName(source.JsonNameAt(i));
                    WriteValue(writer, source.RawValueAt(i), depth + 1);
                }

                writer.WriteEndObject();
                return;
            }

            if (value is IEnumerable items)
            {
                writer.WriteStartArray();
                foreach (var item in items) WriteValue(writer, item, depth + 1);
                writer.WriteEndArray();
                return;
            }

            if (value is IConvertible convertible)
            {
                var code = convertible.GetTypeCode();
                if (code >= TypeCode.SByte && code <= TypeCode.Decimal) writer.WriteNumberValue(convertible.ToDecimal(CultureInfo.InvariantCulture));
                else writer.WriteStringValue(convertible.ToString(CultureInfo.InvariantCulture));
                return;
            }

            if (value.GetType().IsEnum || value is Guid || value is TimeSpan || value is Uri)
            {
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            }

            WriteProperties(writer, value);
        }

        /// <summary>Any other object (a play row, say): its properties, with values that are objects in turn
        /// written as their text, so that object graphs with cycles end.</summary>
        private static void WriteProperties(Utf8JsonWriter writer, object value)
        {
            writer.WriteStartObject();
            foreach (var property in PSObject.AsPSObject(value).Properties)
            {
                if (!property.IsGettable) continue;
                object? item;
                try
                {
                    item = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }

                writer.WritePropertyName(property.Name);
                var bare = item is PSObject wrapped ? wrapped.BaseObject : item;
                if (bare == null || bare is string || bare is bool || bare is IConvertible || bare is DateTimeOffset || bare is Guid || bare is TimeSpan || bare.GetType().IsEnum) WriteValue(writer, bare, MaxDepth);
                else writer.WriteStringValue(Convert.ToString(bare, CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }
    }
}
