using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests
{
    public class JsonArrayTextTests
    {
        private static List<object?> Records(int count)
        {
            // Multi-byte text in every record, and records of different lengths, so batches differ in size.
            var body = "{\"data\":[" + string.Join(",", Enumerable.Range(0, count).Select(i =>
                $"{{\"acrid\":\"a{i}\",\"title\":\"Zürich № {i} — 東京 {new string('x', i % 37)}\",\"score\":{i % 100},\"d\":{i}.5,\"ok\":{(i % 2 == 0 ? "true" : "false")},\"none\":null,\"tags\":[\"x\",{i}],\"m\":{{\"n\":[{{\"k\":{i}}}]}}}}")) + "]}";
            return JsonPSObjectConverter.ParseDataArray(Encoding.UTF8.GetBytes(body));
        }

        private static string Text(IEnumerable<object?> items, bool indented)
        {
            using var array = new JsonArrayText(indented);
            foreach (var item in items) array.Add(item);
            return array.ToText();
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(JsonArrayText.BatchSize - 1)]
        [InlineData(JsonArrayText.BatchSize)]
        [InlineData(JsonArrayText.BatchSize + 1)]
        [InlineData(5 * JsonArrayText.BatchSize + 17)]
        public void Is_the_text_the_single_writer_makes_of_the_list_compact_and_indented(int count)
        {
            var records = Records(count);
            foreach (var indented in new[] { false, true })
            {
                Assert.Equal(JsonTextWriter.Write(records.ToList(), indented), Text(records, indented));
            }
        }

        [Fact]
        public void A_value_only_the_pipeline_thread_may_read_is_written_there_in_its_place()
        {
            var items = Records(3 * JsonArrayText.BatchSize).ToList();
            var custom = new PSObject();
            custom.Properties.Add(new PSNoteProperty("name", "Zürich"));
            custom.Properties.Add(new PSNoteProperty("list", new ArrayList { 1, "a" }));
            items.Insert(JsonArrayText.BatchSize + 3, custom);
            items.Insert(10, Enumerable.Range(1, 3).Select(i => (object)(long)i));

            // Whichever thread a batch lands on: a worker refuses such values rather than read them.
            using (var buffer = new PooledBufferWriter())
            {
                Assert.Throws<JsonTextWriter.NeedsPipelineThread>(() => JsonTextWriter.WriteTo(buffer, new List<object?> { custom }, indented: false, onWorker: true));
                Assert.Throws<JsonTextWriter.NeedsPipelineThread>(() => JsonTextWriter.WriteTo(buffer, new List<object?> { items[10] }, indented: false, onWorker: true));
            }

            var text = Text(items, indented: false);

            Assert.Equal(JsonTextWriter.Write(items), text);
            Assert.Contains(",{\"name\":\"Zürich\",\"list\":[1,\"a\"]},", text);
            Assert.Contains(",[1,2,3],", text);
        }

        [Fact]
        public void A_value_nested_too_deep_in_any_batch_fails_on_the_calling_thread()
        {
            var items = Records(2 * JsonArrayText.BatchSize).ToList();
            var deep = new Hashtable();
            var node = deep;
            for (var i = 0; i < 300; i++)
            {
                var next = new Hashtable();
                node["n"] = next;
                node = next;
            }

            items.Insert(5, deep);
            using var array = new JsonArrayText(indented: false);
            foreach (var item in items) array.Add(item);

            var problem = Assert.Throws<ArgumentException>(() => array.ToText());
            Assert.Contains("deeper than", problem.Message);
        }

        [Fact]
        public void Gives_back_its_buffers_when_dropped_before_the_text_is_made()
        {
            var array = new JsonArrayText(indented: true);
            foreach (var item in Records(4 * JsonArrayText.BatchSize)) array.Add(item);

            array.Dispose();
            array.Dispose();
            Assert.Equal(4 * JsonArrayText.BatchSize, array.Count);
        }
    }
}
