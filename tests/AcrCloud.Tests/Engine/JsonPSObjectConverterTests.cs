using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests
{
    public class JsonPSObjectConverterTests
    {
        private static byte[] Fixture() =>
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "result-records.json"));

        private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

        // Outside a runspace PowerShell's type adapters are not registered, so read the sources directly (bare, or
        // behind the cmdlet assembly's view when a cmdlet has run in this process).
        private static JsonObjectSource View(object? value) => Assert.IsType<JsonObjectSource>(JsonObjectSource.SourceOf(Assert.IsAssignableFrom<object>(value)));

        private static object? P(object? value, string name) => View(value).Get(name);

        private static string[] Names(object? value)
        {
            var view = View(value);
            return Enumerable.Range(0, view.Count).Select(view.NameAt).ToArray();
        }

        [Fact]
        public void Records_keep_the_json_names_order_nesting_and_types()
        {
            var records = JsonPSObjectConverter.ParseDataArray(Fixture());
            Assert.Equal(3, records.Count);

            var first = records[0];
            Assert.Equal(new[] { "status", "result_type", "metadata" }, Names(first));
            var metadata = P(first, "metadata");
            Assert.Equal(187L, P(metadata, "played_duration"));
            Assert.Equal("2024-03-01 22:58:41", P(metadata, "timestamp_utc"));
            var music = Assert.IsType<object?[]>(P(metadata, "music"));
            var track = music[0];
            Assert.Equal("Nachtzug nach Bern", P(track, "title"));
            var isrc = Assert.IsType<object?[]>(P(P(track, "external_ids"), "isrc"));
            Assert.Equal(new object?[] { "CHA011900123", "DEX341900456" }, isrc);
            var creators = (object?[])P(((object?[])P(track, "works")!)[0], "creators")!;
            Assert.Equal(512345678L, P(creators[0], "ipi"));
        }

        [Fact]
        public void Empty_objects_stay_objects_and_a_bare_year_stays_text()
        {
            var third = JsonPSObjectConverter.ParseDataArray(Fixture())[2];
            var track = ((object?[])P(P(third, "metadata"), "music")!)[0];
            Assert.Empty(Names(P(track, "external_ids")));
            Assert.Equal("2020", P(track, "release_date"));
        }

        [Fact]
        public void Keys_that_differ_only_by_case_are_all_kept()
        {
            var second = JsonPSObjectConverter.ParseDataArray(Fixture())[1];
            var file = ((object?[])P(P(second, "metadata"), "custom_files")!)[0];
            var view = View(file);
            Assert.Equal(14, view.Count);
            Assert.True(view.Shape.HasCaseTwins);
            Assert.Equal("title", view.JsonNameAt(0));
            Assert.Equal("Title", view.JsonNameAt(13));
            // PowerShell's members ignore case, so the later twin is shown under a name of its own.
            Assert.Equal("Title_2", view.NameAt(13));
            Assert.Equal(13, view.IndexOf("Title"));
            Assert.Equal(13, view.IndexOf("title_2"));
            Assert.Equal(0, view.IndexOf("title"));
            Assert.Equal("In-house", P(file, "artists"));
        }

        [Fact]
        public void Records_of_a_day_share_their_names()
        {
            var body = Utf8("{\"data\":[{\"a\":1,\"b\":{\"c\":2}},{\"a\":3,\"b\":{\"c\":4}},{\"a\":5,\"z\":6}]}");
            var records = JsonPSObjectConverter.ParseDataArray(body);
            Assert.Same(View(records[0]).Shape, View(records[1]).Shape);
            Assert.Same(View(P(records[0], "b")).Shape, View(P(records[1], "b")).Shape);
            Assert.NotSame(View(records[0]).Shape, View(records[2]).Shape);
            Assert.Equal(new[] { "a", "z" }, Names(records[2]));
            Assert.Equal(6L, P(records[2], "z"));
        }

        [Fact]
        public void A_broken_body_leaves_nothing_behind_for_the_next_one()
        {
            Assert.Throws<InvalidDataException>(() => JsonPSObjectConverter.ParseDataArray(Utf8("{\"data\":[{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":")));
            var record = JsonPSObjectConverter.ParseDataArray(Utf8("{\"data\":[{\"x\":1,\"y\":{\"z\":[3]}}]}"))[0];
            Assert.Equal(new[] { "x", "y" }, Names(record));
            Assert.Equal(new object?[] { 3L }, (object?[])P(P(record, "y"), "z")!);
        }

        [Fact]
        public void Records_are_written_back_as_the_api_sent_them()
        {
            using var fixture = System.Text.Json.JsonDocument.Parse(Fixture());
            var records = JsonPSObjectConverter.ParseDataArray(Fixture());
            var i = 0;
            foreach (var original in fixture.RootElement.GetProperty("data").EnumerateArray())
            {
                Assert.Equal(Compact(original), JsonTextWriter.Write(records[i++]));
            }
        }

        private static string Compact(System.Text.Json.JsonElement element)
        {
            using var buffer = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                element.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        [Theory]
        [InlineData("1", typeof(long))]
        [InlineData("-9223372036854775808", typeof(long))]
        [InlineData("2.5", typeof(double))]
        [InlineData("1e3", typeof(decimal))]
        [InlineData("123456789012345678901234", typeof(decimal))]
        [InlineData("true", typeof(bool))]
        [InlineData("\"Zürich ☀️ 東京\"", typeof(string))]
        public void Scalars_keep_their_kind(string json, Type expected)
        {
            var value = JsonPSObjectConverter.ParseTopLevel(Utf8("{\"v\":" + json + "}"))[0];
            Assert.IsType(expected, P(value, "v"));
        }

        [Fact]
        public void Text_is_intact_including_non_ascii_and_date_like_strings()
        {
            var value = JsonPSObjectConverter.ParseTopLevel(Utf8("{\"t\":\"Ça plane — 東京 ☀️\",\"d\":\"2020-12-28T08:01:14.000000Z\",\"n\":null}"))[0];
            Assert.Equal("Ça plane — 東京 ☀️", P(value, "t"));
            Assert.Equal("2020-12-28T08:01:14.000000Z", P(value, "d"));
            Assert.Null(P(value, "n"));
        }

        [Fact]
        public void A_top_level_array_is_enumerated_and_an_object_is_one_value()
        {
            Assert.Equal(3, JsonPSObjectConverter.ParseTopLevel(Utf8("[1,{\"a\":1},\"x\"]")).Count);
            Assert.Single(JsonPSObjectConverter.ParseTopLevel(Utf8("{\"data\":[1,2,3]}")));
            Assert.Empty(JsonPSObjectConverter.ParseTopLevel(Utf8("  \r\n")));
        }

        [Fact]
        public void A_byte_order_mark_is_tolerated()
        {
            var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8("{\"data\":[]}")).ToArray();
            Assert.Empty(JsonPSObjectConverter.ParseDataArray(body));
        }

        [Theory]
        [InlineData("{\"data\":[{\"a\":1},{\"b\":")]
        [InlineData("<html><body>502 Bad Gateway</body></html>")]
        [InlineData("{\"message\":\"ok\"}")]
        [InlineData("{\"data\":{}}")]
        [InlineData("")]
        [InlineData("{\"data\":[{\"a\":1}]} trailing")]
        [InlineData("{\"data\":[{\"a\":1},]}")]
        public void A_broken_or_foreign_body_is_invalid_data(string body) =>
            Assert.Throws<InvalidDataException>(() => JsonPSObjectConverter.ParseDataArray(Utf8(body)));

        [Fact]
        public void Records_keep_what_is_set_and_appended()
        {
            var record = JsonPSObjectConverter.ParseDataArray(Utf8("{\"meta\":{},\"data\":[{\"a\":1,\"b\":{\"c\":\"x\"}}],\"x\":[1]}"))[0];
            var view = View(record);
            view.Append("StreamId", "s1");
            Assert.Equal(new[] { "a", "b", "StreamId" }, Names(record));
            Assert.Same(P(record, "b"), P(record, "b"));
            view.SetValueAt(view.IndexOf("A"), 5L);
            Assert.Equal(5L, P(record, "a"));
            Assert.Equal("s1", P(record, "streamid"));
            Assert.Equal("@{a=5; b=@{c=x}; StreamId=s1}", view.ToString());
        }

        [Fact]
        public void Many_threads_read_the_same_document_and_all_see_the_right_values()
        {
            var json = "[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i},\"title\":\"t{i}\",\"artists\":[{{\"name\":\"a{i}\"}},{{\"name\":\"b{i}\"}}]}}")) + "]";
            var items = JsonPSObjectConverter.ParseTopLevel(Utf8(json));
            var wrong = 0;
            System.Threading.Tasks.Parallel.For(0, 8 * 200, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
            {
                var i = (n * 37) % 200;
                var item = items[i];
                var artists = (object?[])P(item, "artists")!;
                if ((string?)P(item, "title") != $"t{i}" || (string?)P(artists[1], "name") != $"b{i}" || (long)P(item, "id")! != i)
                {
                    System.Threading.Interlocked.Increment(ref wrong);
                }
            });
            Assert.Equal(0, wrong);
        }

        [Fact]
        public void A_deeply_nested_record_that_passes_the_check_can_be_read_to_the_bottom()
        {
            var deep = string.Concat(Enumerable.Repeat("{\"n\":", 100)) + "1" + new string('}', 100);
            var record = JsonPSObjectConverter.ParseDataArray(Utf8("{\"data\":[" + deep + "]}"))[0];
            for (var i = 0; i < 99; i++) record = P(record, "n");
            Assert.Equal(1L, P(record, "n"));
        }

        [Fact]
        public void Laravel_errors_are_read_with_their_fields()
        {
            Assert.True(JsonPSObjectConverter.TryReadError(
                Utf8("{\"message\":\"The given data was invalid.\",\"errors\":{\"type\":[\"The selected type is invalid.\"]}}"),
                out var message, out var fields));
            Assert.Equal("The given data was invalid.", message);
            Assert.Equal(new[] { "The selected type is invalid." }, fields!["type"]);
            Assert.False(JsonPSObjectConverter.TryReadError(Utf8("<html>Bad Gateway</html>"), out _, out _));
        }
    }
}
