using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Writes a request body as JSON from what a PowerShell user naturally passes: hashtables,
    /// PSCustomObjects, lists and plain values.</summary>
    internal static class JsonBodyWriter
    {
        private const int MaxDepth = 64;
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static byte[] Serialize(object? value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                Write(writer, value, 0);
            }

            return buffer.ToArray();
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The body is nested deeper than {MaxDepth} levels.");
            var wrapped = value as PSObject;
            value = wrapped != null ? wrapped.BaseObject : value;
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string text:
                    writer.WriteStringValue(text);
                    return;
                case char c:
                    writer.WriteStringValue(c.ToString());
                    return;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    return;
                case SwitchParameter flag:
                    writer.WriteBooleanValue(flag.IsPresent);
                    return;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    return;
                case ulong big:
                    writer.WriteNumberValue(big);
                    return;
                case float _: case double _:
                    writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    return;
                case decimal exact:
                    writer.WriteNumberValue(exact);
                    return;
                case DateTime moment:
                    writer.WriteStringValue(moment.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset instant:
                    writer.WriteStringValue(instant.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case Enum choice:
                    writer.WriteStringValue(choice.ToString());
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
            }

            // A PSCustomObject or any other object: its properties, as ConvertTo-Json would.
            var properties = (wrapped ?? PSObject.AsPSObject(value)).Properties;
            writer.WriteStartObject();
            foreach (var property in properties)
            {
                if (!property.IsGettable) continue;
                writer.WritePropertyName(property.Name);
                Write(writer, property.Value, depth + 1);
            }

            writer.WriteEndObject();
        }
    }
}
