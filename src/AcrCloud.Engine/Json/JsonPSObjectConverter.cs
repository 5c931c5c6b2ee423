using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Management.Automation;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Turns API JSON into the objects PowerShell users work with: objects become objects with the JSON's
    /// property names in the JSON's order (read lazily through <see cref="JsonObjectSource"/>), arrays become object[],
    /// numbers stay numbers (Int64 when integral, like ConvertFrom-Json, else Double), and text stays text (no date
    /// guessing). The parsed document is kept, not disposed, because the views read from it.</summary>
    internal static class JsonPSObjectConverter
    {
        /// <summary>One depth limit for the check of a whole body and the later parse of each record in it.</summary>
        internal static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions { MaxDepth = 256 };

        /// <summary>The top-level values of a body: the items of a top-level array, else the one value; nothing for an empty body.</summary>
        public static List<object?> ParseTopLevel(byte[] body)
        {
            var values = new List<object?>();
            if (IsBlank(body)) return values;
            var document = Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var gate = new object();
                foreach (var item in root.EnumerateArray()) values.Add(ToObject(item, gate));
            }
            else
            {
                values.Add(ToObject(root, new object()));
            }

            return values;
        }

        /// <summary>The items of the body's <c>data</c> array. The whole body is checked first, so a broken one
        /// yields none; object items are then only sliced out, and parsed when first read.</summary>
        public static List<object?> ParseDataArray(byte[] body)
        {
            var json = WithoutByteOrderMark(body);
            var items = new List<object?>();
            var foundData = false;
            try
            {
                var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new InvalidDataException("The answer is not a JSON object.");
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isData = !foundData && reader.ValueTextEquals("data");
                    reader.Read();
                    if (!isData || reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    foundData = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var isObject = reader.TokenType == JsonTokenType.StartObject;
                        reader.Skip();
                        var item = json.Slice(start, (int)reader.BytesConsumed - start);
                        items.Add(isObject ? JsonObjectSource.Present(new JsonObjectSource(item)) : ToObject(JsonDocument.Parse(item, DocumentOptions).RootElement, new object()));
                    }
                }

                // Reading on to the end checks that nothing broken follows the list.
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException("The answer is not valid JSON: " + ex.Message, ex);
            }

            if (!foundData) throw new InvalidDataException("The answer has no 'data' list.");
            return items;
        }

        /// <summary>The API's <c>message</c> (and Laravel's field <c>errors</c>) from an error body, when it is JSON.</summary>
        public static bool TryReadError(byte[] body, out string? message, out IDictionary<string, string[]>? fieldErrors)
        {
            message = null;
            fieldErrors = null;
            if (IsBlank(body)) return false;
            try
            {
                using var document = Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return false;
                if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    foreach (var field in errors.EnumerateObject())
                    {
                        var texts = new List<string>();
                        if (field.Value.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var text in field.Value.EnumerateArray()) texts.Add(text.ValueKind == JsonValueKind.String ? text.GetString()! : text.GetRawText());
                        }
                        else
                        {
                            texts.Add(field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText());
                        }

                        fields[field.Name] = texts.ToArray();
                    }

                    fieldErrors = fields;
                }

                return message != null || fieldErrors != null;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }

        /// <summary>Converts a value; objects in it become views that read their document under <paramref name="documentGate"/>.</summary>
        public static object? ToObject(JsonElement element, object documentGate)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return FromJsonObject(element, documentGate);
                case JsonValueKind.Array:
                    var array = new object?[element.GetArrayLength()];
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) array[i++] = ToObject(item, documentGate);
                    return array;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var integer)) return integer;
                    if (element.TryGetDecimal(out var exact) && decimal.Truncate(exact) == exact) return exact;
                    return element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object FromJsonObject(JsonElement element, object documentGate)
        {
            HashSet<string>? seen = null;
            foreach (var property in element.EnumerateObject())
            {
                seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (!seen.Add(property.Name))
                {
                    // PowerShell members ignore case, but ACRCloud sometimes sends keys that differ only by case
                    // ("title" and "Title"). An ordinal dictionary keeps every key and value the API sent.
                    return ToCaseSensitiveDictionary(element, documentGate);
                }
            }

            return JsonObjectSource.Present(new JsonObjectSource(element, documentGate));
        }

        private static OrderedDictionary ToCaseSensitiveDictionary(JsonElement element, object documentGate)
        {
            var dictionary = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject()) dictionary[property.Name] = ToObject(property.Value, documentGate);
            return dictionary;
        }

        /// <summary>Parses a body; a broken one surfaces as the BCL's <see cref="InvalidDataException"/> so no
        /// System.Text.Json type crosses into the cmdlet assembly.</summary>
        private static ReadOnlyMemory<byte> WithoutByteOrderMark(byte[] body) =>
            body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? new ReadOnlyMemory<byte>(body, 3, body.Length - 3) : body;

        private static JsonDocument Parse(byte[] body)
        {
            try
            {
                return JsonDocument.Parse(WithoutByteOrderMark(body), DocumentOptions);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException("The answer is not valid JSON: " + ex.Message, ex);
            }
        }

        private static bool IsBlank(byte[] body)
        {
            foreach (var b in body)
            {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
            }

            return true;
        }
    }
}
