using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests
{
    public class JsonTextWriterTests
    {
        [Fact]
        public void A_big_parsed_body_is_written_back_byte_for_byte_across_many_buffer_growths()
        {
            // About 2 MB with multi-byte characters everywhere, so that growths fall inside characters too.
            var records = string.Join(",", Enumerable.Range(0, 8000).Select(i =>
                $"{{\"acrid\":\"a{i}\",\"title\":\"Zürich Café № {i} — 東京\",\"score\":{i % 100},\"played_duration\":{i}.5,\"ok\":{(i % 2 == 0 ? "true" : "false")},\"none\":null,\"tags\":[\"x\",{i}]}}"));
            var json = "{\"data\":[" + records + "]}";
            var parsed = JsonPSObjectConverter.ParseTopLevel(Encoding.UTF8.GetBytes(json)).Single();

            Assert.Equal(json, JsonTextWriter.Write(parsed));
            Assert.Equal(Encoding.UTF8.GetBytes(json), JsonTextWriter.Serialize(parsed));
        }

        [Fact]
        public void Names_that_need_escaping_are_escaped_like_any_other_text()
        {
            var json = "{\"say \\\"hi\\\"\":1,\"tab\\there\":\"a\\\\b\",\"line\\nbreak\":[]}";
            var parsed = JsonPSObjectConverter.ParseTopLevel(Encoding.UTF8.GetBytes(json)).Single();

            Assert.Equal(json, JsonTextWriter.Write(parsed));
        }

        [Fact]
        public void A_property_appended_after_parsing_is_written_after_the_JSON_own()
        {
            var record = JsonPSObjectConverter.ParseDataArray(Encoding.UTF8.GetBytes("{\"data\":[{\"a\":1}]}"))[0]!;
            var source = JsonObjectSource.SourceOf(record)!;
            source.Append(new[] { new KeyValuePair<string, object?>("StreamId", "s-1"), new KeyValuePair<string, object?>("ProjectId", 7L) });

            Assert.Equal("{\"a\":1,\"StreamId\":\"s-1\",\"ProjectId\":7}", JsonTextWriter.Write(record));
        }

        [Fact]
        public void Plain_values_keep_their_forms()
        {
            var value = new object?[] { "t", 3L, 2.5, true, null, 7, (short)1, 12.25m, 0.1f, 'c', new[] { "a", "b" }, new Dictionary<string, object?> { ["k"] = 1 } };

            Assert.Equal("[\"t\",3,2.5,true,null,7,1,12.25,0.1,\"c\",[\"a\",\"b\"],{\"k\":1}]", JsonTextWriter.Write(value));
        }

        [Fact]
        public void The_buffer_grows_past_what_was_asked_and_keeps_what_was_written()
        {
            using var buffer = new PooledBufferWriter();
            var expected = new List<byte>();
            for (var round = 0; round < 40; round++)
            {
                var size = 1000 * round + 1;
                var span = buffer.GetSpan(size);
                Assert.True(span.Length >= size);
                for (var i = 0; i < size; i++) span[i] = (byte)(round + i);
                buffer.Advance(size);
                expected.AddRange(Enumerable.Range(0, size).Select(i => (byte)(round + i)));
            }

            Assert.Equal(expected.Count, buffer.WrittenCount);
            Assert.Equal(expected.ToArray(), buffer.ToArray());
        }

        [Fact]
        public void The_buffer_refuses_to_advance_past_its_memory_and_to_be_used_once_returned()
        {
            var buffer = new PooledBufferWriter();
            var length = buffer.GetMemory().Length;
            Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(length + 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));

            buffer.Dispose();
            buffer.Dispose();
            Assert.Throws<ObjectDisposedException>(() => buffer.GetSpan(1));
            Assert.Equal(string.Empty, buffer.ToText());
        }
    }
}
