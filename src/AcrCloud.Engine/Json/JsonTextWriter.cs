using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Writes JSON from what a PowerShell user naturally has: the module's records (straight from their
    /// parsed tree, with the JSON's own names, both of a pair that differs only by case), hashtables, PSCustomObjects,
    /// lists and plain values. Request bodies and ConvertTo-AcrCloudJson both use it.</summary>
    internal static class JsonTextWriter
    {
        /// <summary>Deep enough for any answer the module parses (it reads at most 256 levels).</summary>
        private const int MaxDepth = 260;
        /// <summary>Escapes only what JSON requires (and what ConvertTo-Json leaves alone too): names and text keep
        /// their accents, quotes of titles and ampersands as they are.</summary>
        internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Encoder = Encoder };
        private static readonly JsonWriterOptions Indented = new JsonWriterOptions { Encoder = Encoder, Indented = true };

        /// <summary>A request body, as UTF-8.</summary>
        public static byte[] Serialize(object? value)
        {
            using var buffer = new PooledBufferWriter();
            WriteTo(buffer, value, Compact);
            return buffer.ToArray();
        }

        /// <summary>JSON text, on one line or indented like ConvertTo-Json.</summary>
        public static string Write(object? value, bool indented = false)
        {
            using var buffer = new PooledBufferWriter();
            WriteTo(buffer, value, indented ? Indented : Compact);
            return buffer.ToText();
        }

        private static void WriteTo(PooledBufferWriter buffer, object? value, JsonWriterOptions options)
        {
            using var writer = new Utf8JsonWriter(buffer, options);
            Write(writer, value, 0);
            writer.Flush();
        }

        /// <summary>Writes into <paramref name="buffer"/>; on a worker (<paramref name="onWorker"/>) it throws
        /// <see cref="NeedsPipelineThread"/> instead of reading a value through PowerShell's type system, whose
        /// script properties need the pipeline's runspace.</summary>
        internal static void WriteTo(PooledBufferWriter buffer, object? value, bool indented, bool onWorker)
        {
            var was = _onWorker;
            _onWorker = onWorker;
            try
            {
                WriteTo(buffer, value, indented ? Indented : Compact);
            }
            finally
            {
                _onWorker = was;
            }
        }

        [ThreadStatic]
        private static bool _onWorker;

        /// <summary>A value met on a worker that only the pipeline thread may read.</summary>
        internal sealed class NeedsPipelineThread : Exception
        {
        }

        [MethodImpl(HotPath.Optimized)]
        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The value is nested deeper than {MaxDepth} levels.");

            PSObject? wrapped = null;

        // What a parsed record holds, most frequent first, ahead of the wrapper, delegate and interface tests
        // below: a record's values are bare, only what comes down a pipeline is wrapped.
        Bare:
            switch (value)
            {
                case string text:
                    writer.WriteStringValue(text);
                    return;
                case long integer:
                    writer.WriteNumberValue(integer);
                    return;
                case double real:
                    writer.WriteNumberValue(real);
                    return;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    return;
                case null:
                    writer.WriteNullValue();
                    return;
                case object?[] items:
                    writer.WriteStartArray();
                    foreach (var item in items) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
            }

            if (wrapped == null && value is PSObject psObject)
            {
                wrapped = psObject;
                value = psObject.BaseObject;
                goto Bare;
            }

            var source = JsonObjectSource.SourceOf(value);
            if (source != null)
            {
                WriteObject(writer, source, depth);
                return;
            }

            switch (value)
            {
                case char c:
                    writer.WriteStringValue(c.ToString());
                    return;
                case SwitchParameter flag:
                    writer.WriteBooleanValue(flag.IsPresent);
                    return;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    return;
                case ulong big:
                    writer.WriteNumberValue(big);
                    return;
                case float single:
                    // Its own shortest form (0.1), as ConvertTo-Json writes it, not that of the Double it widens to.
                    writer.WriteNumberValue(single);
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
                    // A list is plain data; any other enumerable may run code when enumerated.
                    if (_onWorker && !(items is IList)) throw new NeedsPipelineThread();
                    writer.WriteStartArray();
                    foreach (var item in items) Write(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
            }

            // A PSCustomObject or any other object: its properties, as ConvertTo-Json would.
            if (_onWorker) throw new NeedsPipelineThread();
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

        [MethodImpl(HotPath.Optimized)]
        private static void WriteObject(Utf8JsonWriter writer, JsonObjectSource source, int depth)
        {
            // Names of the shape read here, values by index: a property appended meanwhile is either wholly
            // written or wholly left out (RawValueAt reads the shape before the values, Append writes them after).
            var names = source.Shape.EncodedNames;
            writer.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                writer.WritePropertyName(names[i]);
                Write(writer, source.RawValueAt(i), depth + 1);
            }

            writer.WriteEndObject();
        }
    }
}
