using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Reads JSON values straight from a <see cref="Utf8JsonReader"/> into the compact tree that
    /// <see cref="JsonObjectSource"/> holds: one pass over the bytes, no JsonDocument, names shared through
    /// <see cref="JsonShape"/>, short repeated text (labels, genres, titles of a playlist) shared through a
    /// small per-thread cache, small integers boxed once.</summary>
    internal static class JsonTreeReader
    {
        private const int SmallIntegerMin = -128;
        private const int SmallIntegerMax = 1023;
        private static readonly object True = true;
        private static readonly object False = false;
        private static readonly object[] SmallIntegers = CreateSmallIntegers();

        [ThreadStatic]
        private static TextCache? _texts;

        [ThreadStatic]
        private static List<List<object?>>? _buffers;

        /// <summary>The value at the reader's current token (which it has already read), and its children; the
        /// reader ends on the value's last token.</summary>
        internal static object? ReadValue(ref Utf8JsonReader reader) => ReadValue(ref reader, 0);

        [MethodImpl(HotPath.Optimized)]
        private static object? ReadValue(ref Utf8JsonReader reader, int depth)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return ReadObject(ref reader, depth);
                case JsonTokenType.StartArray:
                    return ReadArray(ref reader, depth);
                case JsonTokenType.String:
                    return (_texts ??= new TextCache()).Read(ref reader);
                case JsonTokenType.Number:
                    return ReadNumber(ref reader);
                case JsonTokenType.True:
                    return True;
                case JsonTokenType.False:
                    return False;
                default:
                    return null;
            }
        }

        [MethodImpl(HotPath.Optimized)]
        private static object ReadObject(ref Utf8JsonReader reader, int depth)
        {
            var shape = JsonShape.Empty;
            var values = Buffer(depth);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped || !shape.TryWith(reader.ValueSpan, out var next)) next = shape.With(reader.GetString()!);
                shape = next;
                reader.Read();
                values.Add(ReadValue(ref reader, depth + 1));
            }

            var source = new JsonObjectSource(shape, values.ToArray());
            values.Clear();
            return JsonObjectSource.Present(source);
        }

        [MethodImpl(HotPath.Optimized)]
        private static object?[] ReadArray(ref Utf8JsonReader reader, int depth)
        {
            var items = Buffer(depth);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader, depth + 1));
            var array = items.Count == 0 ? Array.Empty<object?>() : items.ToArray();
            items.Clear();
            return array;
        }

        [MethodImpl(HotPath.Optimized)]
        private static object ReadNumber(ref Utf8JsonReader reader)
        {
            // Like ConvertFrom-Json: Int64 when it is integral and fits, an integral Decimal when it is larger,
            // otherwise Double.
            if (reader.TryGetInt64(out var integer))
            {
                return integer >= SmallIntegerMin && integer <= SmallIntegerMax ? SmallIntegers[integer - SmallIntegerMin] : integer;
            }

            if (reader.TryGetDecimal(out var exact) && decimal.Truncate(exact) == exact) return exact;
            return reader.GetDouble();
        }

        /// <summary>An empty list to collect one level's values in, reused: one per depth, per thread. Emptied
        /// here, not only after use, because a broken body leaves its levels half filled.</summary>
        [MethodImpl(HotPath.Optimized)]
        private static List<object?> Buffer(int depth)
        {
            var buffers = _buffers ??= new List<List<object?>>();
            while (buffers.Count <= depth) buffers.Add(new List<object?>());
            var buffer = buffers[depth];
            buffer.Clear();
            return buffer;
        }

        private static object[] CreateSmallIntegers()
        {
            var boxes = new object[SmallIntegerMax - SmallIntegerMin + 1];
            for (var i = 0; i < boxes.Length; i++) boxes[i] = (long)(i + SmallIntegerMin);
            return boxes;
        }

        /// <summary>Short texts seen lately on this thread, found by their UTF-8 bytes: a day repeats its labels,
        /// genres, artists and titles many times, and each repetition then costs no new string.</summary>
        private sealed class TextCache
        {
            private const int Size = 2048;
            private const int MaxBytes = 48;
            private readonly byte[]?[] _bytes = new byte[Size][];
            private readonly string?[] _texts = new string[Size];

            [MethodImpl(HotPath.Optimized)]
            public string Read(ref Utf8JsonReader reader)
            {
                if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes) return reader.GetString()!;
                var utf8 = reader.ValueSpan;
                if (utf8.Length == 0) return string.Empty;
                var hash = 2166136261u;
                foreach (var b in utf8) hash = (hash ^ b) * 16777619u;
                var slot = (int)(hash & (Size - 1));
                var known = _bytes[slot];
                if (known != null && utf8.SequenceEqual(known)) return _texts[slot]!;
                var text = reader.GetString()!;
                _bytes[slot] = utf8.ToArray();
                _texts[slot] = text;
                return text;
            }
        }
    }
}
