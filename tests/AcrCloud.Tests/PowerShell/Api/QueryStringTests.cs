using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class QueryStringTests
    {
        [Fact]
        public void Formats_flags_as_0_or_1()
        {
            Assert.Equal("1", QueryString.Format(true));
            Assert.Equal("0", QueryString.Format(false));
            Assert.Equal("1", QueryString.Format(new SwitchParameter(true)));
            Assert.Equal("0", QueryString.Format(new SwitchParameter(false)));
            Assert.Equal("1", QueryString.Format(PSObject.AsPSObject(true)));
        }

        [Fact]
        public void Formats_numbers_and_dates_invariantly_whatever_the_culture()
        {
            var saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-CH") { NumberFormat = { NumberDecimalSeparator = ",", NumberGroupSeparator = "'" } };
            try
            {
                Assert.Equal("0.5", QueryString.Format(0.5));
                Assert.Equal("1234567", QueryString.Format(1234567));
                Assert.Equal("-3.25", QueryString.Format(-3.25m));
                // The API writes its dates as yyyyMMdd.
                Assert.Equal("20261102", QueryString.Format(new DateTime(2026, 11, 2, 23, 30, 0)));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void Joins_lists_with_commas_and_unwraps_PowerShell_objects()
        {
            Assert.Equal("s-aare-pop,s-onda-1", QueryString.Format(new[] { "s-aare-pop", "s-onda-1" }));
            Assert.Equal("1,0,2.5,", QueryString.Format(new object?[] { PSObject.AsPSObject(1), false, 2.5, null }));
            Assert.Equal("7", QueryString.Format(PSObject.AsPSObject(7)));
            Assert.Equal("abc", QueryString.Format("abc"));
            Assert.Equal(string.Empty, QueryString.Format(null));
            Assert.Equal(string.Empty, QueryString.Format(Array.Empty<int>()));
        }

        [Fact]
        public void Takes_a_dictionary_in_its_order_and_skips_empty_keys()
        {
            var query = new OrderedDictionary { ["type"] = "day", ["with_false_positive"] = true, [""] = "dropped", ["stream_ids"] = new[] { 1, 2 }, ["per_page"] = PSObject.AsPSObject(50) };
            var pairs = QueryString.FromDictionary(query);
            Assert.Equal(new[] { "type=day", "with_false_positive=1", "stream_ids=1,2", "per_page=50" }, pairs.ConvertAll(p => p.Key + "=" + p.Value).ToArray());
            Assert.Empty(QueryString.FromDictionary(null));
            Assert.Equal("", Assert.Single(QueryString.FromDictionary(new Hashtable { ["date"] = null })).Value);
        }
    }
}
