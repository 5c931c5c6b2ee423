using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class RecordReaderTests
    {
        private static OrderedDictionary Named(string name)
        {
            var entry = new OrderedDictionary(System.StringComparer.Ordinal) { ["name"] = name };
            return entry;
        }

        [Fact]
        public void Joins_texts_and_names_in_order_once_each_skipping_blanks()
        {
            var artists = new object?[] { Named("Anna"), "  ", null, Named("Ben"), Named("Anna"), "Cleo", "Ben" };
            Assert.Equal("Anna; Ben; Cleo", RecordReader.JoinedText(artists));
        }

        [Fact]
        public void Gives_one_part_as_it_is_and_nothing_as_null()
        {
            Assert.Equal("Solo", RecordReader.JoinedText(new object?[] { Named("Solo"), Named("Solo") }));
            Assert.Equal("Solo", RecordReader.JoinedText("Solo"));
            Assert.Equal("42", RecordReader.JoinedText(42L));
            Assert.Null(RecordReader.JoinedText(new object?[] { " ", null, Named("") }));
            Assert.Null(RecordReader.JoinedText(null));
            Assert.Null(RecordReader.JoinedText(System.Array.Empty<object?>()));
        }

        [Fact]
        public void Compares_parts_by_their_exact_text()
        {
            Assert.Equal("abba; ABBA", RecordReader.JoinedText(new object?[] { "abba", "ABBA", "abba" }));
        }

        [Fact]
        public void Unwraps_wrapped_values_in_lists_and_takes_the_first_item()
        {
            var list = new object?[] { PSObject.AsPSObject("first"), "second" };
            Assert.Equal(new object?[] { "first", "second" }, RecordReader.Items(list));
            Assert.Equal("first", RecordReader.First(list));
            Assert.Equal("first; second", RecordReader.JoinedText(list));

            var plain = new object?[] { "a", "b" };
            Assert.Same(plain, RecordReader.Items(plain));
            Assert.Equal(new object?[] { "x", "y" }, RecordReader.Items(new List<object?> { "x", PSObject.AsPSObject("y") }));
            var built = new List<object?> { "x", "y" };
            Assert.Same(built, RecordReader.Items(built));
        }

        [Fact]
        public void Counts_a_single_value_as_a_list_of_one()
        {
            var single = Named("Only");
            Assert.Same(single, RecordReader.First(single));
            Assert.Equal(new object?[] { single }, RecordReader.Items(single));
            Assert.Equal("text", RecordReader.First("text"));
            Assert.Null(RecordReader.First(System.Array.Empty<object?>()));
            Assert.Null(RecordReader.First(null));
            Assert.Empty(RecordReader.Items(null));
        }

        [Fact]
        public void Takes_the_first_name_that_has_a_value()
        {
            var item = new OrderedDictionary(System.StringComparer.Ordinal) { ["title"] = "", ["Title"] = "Capital", ["artist"] = "X" };
            Assert.Equal("Capital", RecordReader.GetAny(item, "title", "Title"));
            Assert.Equal("X", RecordReader.GetAny(item, "artists", "artist"));
            Assert.Null(RecordReader.GetAny(item, "title"));
            Assert.Equal("X", RecordReader.GetAny(item, "none", "other", "artist"));
            Assert.Null(RecordReader.GetAny(null, "title", "Title"));
        }
    }
}
