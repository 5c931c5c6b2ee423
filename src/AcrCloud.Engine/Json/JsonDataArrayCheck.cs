using System;
using System.IO;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>Checks a body the way <see cref="JsonPSObjectConverter.ParseDataArray"/> reads it (valid JSON to
    /// the end, an object with a <c>data</c> array) without building a single record, for the archive, which keeps
    /// the bytes themselves and must run at the speed of the network and the disk.</summary>
    internal static class JsonDataArrayCheck
    {
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { MaxDepth = JsonPSObjectConverter.DocumentOptions.MaxDepth };

        /// <summary>How many items the body's <c>data</c> array holds; <see cref="InvalidDataException"/> when the
        /// body is broken anywhere or has no such array.</summary>
        public static int CountItems(byte[] body)
        {
            var offset = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(body, offset, body.Length - offset), ReaderOptions);
                if (!reader.Read()) throw new InvalidDataException("The answer is empty.");
                if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidDataException("The answer is not a JSON object.");
                var count = -1;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isData = count < 0 && reader.ValueTextEquals("data");
                    reader.Read();
                    if (!isData || reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    count = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        reader.Skip();
                        count++;
                    }
                }

                // On to the end, so that anything broken after the object fails the body too.
                while (reader.Read())
                {
                }

                if (count < 0) throw new InvalidDataException("The answer has no 'data' list.");
                return count;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException("The answer is not valid JSON: " + ex.Message, ex);
            }
        }
    }
}
