using System;
using System.Linq;
using System.Text;
using AcrCloud.Engine;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class PagingTests
    {
        private static readonly Uri Current = new Uri("https://eu-api-v2.acrcloud.com/api/bm-cs-projects/1001/streams?per_page=10&page=2&search_value=aare");

        // A page read the way the cmdlets read it: the top-level value of the response body.
        private static object? Page(string json) => JsonPSObjectConverter.ParseTopLevel(Encoding.UTF8.GetBytes(json)).Single();

        [Fact]
        public void Follows_links_next_on_the_connections_own_origin()
        {
            var page = Page("""{"data":[],"links":{"next":"https://eu-api-v2.acrcloud.com/api/bm-cs-projects/1001/streams?page=3&per_page=10"},"meta":{"current_page":2,"last_page":5}}""");
            Assert.Equal(new Uri("https://eu-api-v2.acrcloud.com/api/bm-cs-projects/1001/streams?page=3&per_page=10"), Paging.NextPage(page, Current));
        }

        [Fact]
        public void Resolves_a_relative_next_link_against_the_current_address()
        {
            var page = Page("""{"data":[],"links":{"next":"/api/bm-cs-projects/1001/streams?page=3"}}""");
            Assert.Equal(new Uri("https://eu-api-v2.acrcloud.com/api/bm-cs-projects/1001/streams?page=3"), Paging.NextPage(page, Current));
        }

        [Theory]
        [InlineData("https://evil.example/api/bm-cs-projects/1001/streams?page=3")]
        [InlineData("http://eu-api-v2.acrcloud.com/api/bm-cs-projects/1001/streams?page=3")]
        [InlineData("https://eu-api-v2.acrcloud.com:8443/api/bm-cs-projects/1001/streams?page=3")]
        public void Never_follows_a_next_link_to_another_origin_but_counts_pages_on_its_own(string foreign)
        {
            var page = Page("{\"data\":[],\"links\":{\"next\":\"" + foreign + "\"},\"meta\":{\"current_page\":2,\"last_page\":5}}");
            var next = Paging.NextPage(page, Current);
            Assert.NotNull(next);
            Assert.Equal(Current.GetLeftPart(UriPartial.Path), next!.GetLeftPart(UriPartial.Path));
            var query = next.Query.TrimStart('?').Split('&');
            Assert.Equal(new[] { "per_page=10", "search_value=aare", "page=3" }, query);
        }

        [Fact]
        public void Stops_after_a_foreign_next_link_on_the_last_page()
        {
            var page = Page("""{"data":[],"links":{"next":"https://evil.example/x?page=6"},"meta":{"current_page":5,"last_page":5}}""");
            Assert.Null(Paging.NextPage(page, Current));
        }

        [Theory]
        [InlineData("""{"data":[],"links":{"next":null},"meta":{"current_page":5,"last_page":5}}""")]
        [InlineData("""{"data":[],"links":{"next":""},"meta":{"current_page":7,"last_page":5}}""")]
        [InlineData("""{"data":[],"meta":{"current_page":5,"last_page":5}}""")]
        [InlineData("""{"data":[],"links":{"next":null}}""")]
        [InlineData("""{"data":[]}""")]
        [InlineData("""{"data":[],"meta":{"current_page":"two","last_page":5}}""")]
        public void Returns_null_on_the_last_page(string json) => Assert.Null(Paging.NextPage(Page(json), Current));

        [Fact]
        public void Counts_pages_from_meta_when_there_are_no_links()
        {
            var next = Paging.NextPage(Page("""{"data":[],"meta":{"current_page":"1","last_page":"3"}}"""), new Uri("https://eu-api-v2.acrcloud.com/api/bm-cs-projects"));
            Assert.Equal(new Uri("https://eu-api-v2.acrcloud.com/api/bm-cs-projects?page=2"), next);
        }

        [Fact]
        public void Replaces_a_query_value_and_keeps_and_escapes_the_rest()
        {
            var uri = new Uri("https://h.example/p?a=1&page=2&b=x%20y&Page=9");
            var result = Paging.WithQueryValue(uri, "page", "3 & 4");
            Assert.Equal("?a=1&b=x%20y&Page=9&page=3%20%26%204", result.Query);
        }

        [Fact]
        public void Items_are_the_elements_of_data_or_the_one_object_or_none()
        {
            var list = Paging.Items(Page("""{"data":[{"id":1},{"id":2},{"id":3}]}""")).ToList();
            Assert.Equal(new object?[] { 1L, 2L, 3L }, list.Select(item => JsonValues.Get(item, "id")).ToArray());

            var single = Paging.Items(Page("""{"data":{"id":1001,"name":"Radio Aare"}}""")).ToList();
            Assert.Equal("Radio Aare", Assert.Single(single) is { } one ? JsonValues.Get(one, "name") : null);

            Assert.Empty(Paging.Items(Page("""{"data":null}""")));
            Assert.Empty(Paging.Items(Page("""{"message":"ok"}""")));
            Assert.Empty(Paging.Items(Page("""{"data":[]}""")));
        }
    }
}
