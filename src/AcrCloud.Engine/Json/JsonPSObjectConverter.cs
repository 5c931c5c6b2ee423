using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Turns API JSON into the objects PowerShell users work with: objects become objects with the JSON's
    /// property names in the JSON's order (<see cref="JsonObjectSource"/>, built by <see cref="JsonTreeReader"/>),
    /// arrays become object[], numbers stay numbers (Int64 when integral, like ConvertFrom-Json, else Double), and
    /// text stays text (no date guessing). Each body is read once, on the thread that received it.</summary>
    internal static class JsonPSObjectConverter
    {
        /// <summary>One depth limit for every body the module reads.</summary>
        internal static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions { MaxDepth = 256 };

        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth };

        /// <summary>The top-level values of a body: the items of a top-level array, else the one value; nothing for an empty body.</summary>
        public static List<object?> ParseTopLevel(byte[] body)
        {
            var values = new List<object?>();
            if (IsBlank(body)) return values;
            Read(body, (ref Utf8JsonReader reader) =>
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    values.Add(JsonTreeReader.ReadValue(ref reader));
                    return;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) values.Add(JsonTreeReader.ReadValue(ref reader));
            });
            return values;
        }

        /// <summary>The items of the body's <c>data</c> array. A body that is broken anywhere yields none.</summary>
        public static List<object?> ParseDataArray(byte[] body)
        {
            var items = new List<object?>();
            var foundData = false;
            Read(body, (ref Utf8JsonReader reader) =>
            {
                if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidDataException("The answer is not a JSON object.");
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
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(JsonTreeReader.ReadValue(ref reader));
                }
            });
            if (!foundData) throw new InvalidDataException("The answer has no 'data' list.");
            return items;
        }

        private delegate void ReadRoot(ref Utf8JsonReader reader);

        /// <summary>Reads a whole body: the root value through <paramref name="readRoot"/>, then on to the end, so
        /// that anything broken after it fails the body too. Broken JSON surfaces as the BCL's
        /// <see cref="InvalidDataException"/>, so no System.Text.Json type crosses into the cmdlet assembly.</summary>
        private static void Read(byte[] body, ReadRoot readRoot)
        {
            try
            {
                var reader = new Utf8JsonReader(WithoutByteOrderMark(body).Span, ReaderOptions);
                if (!reader.Read()) throw new InvalidDataException("The answer is empty.");
                readRoot(ref reader);
                while (reader.Read())
                {
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException("The answer is not valid JSON: " + ex.Message, ex);
            }
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
