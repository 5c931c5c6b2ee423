using System;
using System.Collections.Specialized;
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

        [Fact]
        public void Records_keep_the_json_names_order_nesting_and_types()
        {
            var records = JsonPSObjectConverter.ParseDataArray(Fixture());
            Assert.Equal(3, records.Count);

            var first = Assert.IsType<PSObject>(records[0]);
            Assert.Equal(new[] { "status", "result_type", "metadata" }, first.Properties.Select(p => p.Name));
            var metadata = (PSObject)first.Properties["metadata"].Value;
            Assert.Equal(187L, metadata.Properties["played_duration"].Value);
            Assert.Equal("2024-03-01 22:58:41", metadata.Properties["timestamp_utc"].Value);
            var music = Assert.IsType<object?[]>(metadata.Properties["music"].Value);
            var track = (PSObject)music[0]!;
            Assert.Equal("Nachtzug nach Bern", track.Properties["title"].Value);
            var isrc = Assert.IsType<object?[]>(((PSObject)track.Properties["external_ids"].Value).Properties["isrc"].Value);
            Assert.Equal(new object?[] { "CHA011900123", "DEX341900456" }, isrc);
            var creators = (object?[])((PSObject)((object?[])track.Properties["works"].Value)[0]!).Properties["creators"].Value;
            Assert.Equal(512345678L, ((PSObject)creators[0]!).Properties["ipi"].Value);
        }

        [Fact]
        public void Empty_objects_stay_objects_and_a_bare_year_stays_text()
        {
            var third = (PSObject)JsonPSObjectConverter.ParseDataArray(Fixture())[2]!;
            var track = (PSObject)((object?[])((PSObject)third.Properties["metadata"].Value).Properties["music"].Value)[0]!;
            var externalIds = Assert.IsType<PSObject>(track.Properties["external_ids"].Value);
            Assert.Empty(externalIds.Properties);
            Assert.Equal("2020", track.Properties["release_date"].Value);
        }

        [Fact]
        public void Keys_that_differ_only_by_case_are_all_kept()
        {
            var second = (PSObject)JsonPSObjectConverter.ParseDataArray(Fixture())[1]!;
            var file = ((object?[])((PSObject)second.Properties["metadata"].Value).Properties["custom_files"].Value)[0];
            var dictionary = Assert.IsType<OrderedDictionary>(file);
            Assert.Equal("Station ID Morning", dictionary["title"]);
            Assert.Equal("Station ID Morning", dictionary["Title"]);
            Assert.Equal("In-house", dictionary["artists"]);
            Assert.Equal(14, dictionary.Count);
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
            Assert.IsType(expected, ((PSObject)value!).Properties["v"].Value);
        }

        [Fact]
        public void Text_is_intact_including_non_ascii_and_date_like_strings()
        {
            var value = (PSObject)JsonPSObjectConverter.ParseTopLevel(Utf8("{\"t\":\"Ça plane — 東京 ☀️\",\"d\":\"2020-12-28T08:01:14.000000Z\",\"n\":null}"))[0]!;
            Assert.Equal("Ça plane — 東京 ☀️", value.Properties["t"].Value);
            Assert.Equal("2020-12-28T08:01:14.000000Z", value.Properties["d"].Value);
            Assert.Null(value.Properties["n"].Value);
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
        public void A_broken_or_foreign_body_is_invalid_data(string body) =>
            Assert.Throws<InvalidDataException>(() => JsonPSObjectConverter.ParseDataArray(Utf8(body)));

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
