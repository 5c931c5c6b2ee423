using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class ApiRoutesTests
    {
        [Fact]
        public void Builds_the_console_apis_paths()
        {
            Assert.Equal("/api/bm-cs-projects", ApiRoutes.BmCsProjects);
            Assert.Equal("/api/bm-cs-projects/1001", ApiRoutes.BmCsProject(1001));
            Assert.Equal("/api/bm-cs-projects/1001/streams", ApiRoutes.BmCsStreams(1001));
            Assert.Equal("/api/bm-cs-projects/1001/streams/s-aare-pop", ApiRoutes.BmCsStream(1001, "s-aare-pop"));
            Assert.Equal("/api/bm-cs-projects/1001/streams/s-aare-pop/results", ApiRoutes.BmCsResults(1001, "s-aare-pop"));
            Assert.Equal("/api/bm-cs-projects/1001/result-callback", ApiRoutes.BmCsResultCallback(1001));
            Assert.Equal("/api/bm-cs-projects/1001/state-notification", ApiRoutes.BmCsStateNotification(1001));
        }

        [Fact]
        public void Joins_several_streams_into_one_segment_each_id_escaped()
        {
            var ids = new[] { "s-a", "s b", "s/c" };
            Assert.Equal("/api/bm-cs-projects/7/streams/s-a,s%20b,s%2Fc", ApiRoutes.BmCsStreamList(7, ids));
            Assert.Equal("/api/bm-cs-projects/7/streams/s-a,s%20b,s%2Fc/pause", ApiRoutes.BmCsStreamsPause(7, ids));
            Assert.Equal("/api/bm-cs-projects/7/streams/s-a,s%20b,s%2Fc/restart", ApiRoutes.BmCsStreamsRestart(7, ids));
        }

        [Theory]
        // A stream id is one path segment: nothing in it may end the segment, start a query or leave the path.
        [InlineData("a/b", "a%2Fb")]
        [InlineData("../../other", "..%2F..%2Fother")]
        [InlineData("x?date=1", "x%3Fdate%3D1")]
        [InlineData("x#frag", "x%23frag")]
        [InlineData("Aare Pop", "Aare%20Pop")]
        [InlineData("Zürich", "Z%C3%BCrich")]
        [InlineData("100%", "100%25")]
        public void Escapes_a_stream_id_into_one_segment(string streamId, string escaped)
        {
            Assert.Equal("/api/bm-cs-projects/7/streams/" + escaped, ApiRoutes.BmCsStream(7, streamId));
            Assert.Equal("/api/bm-cs-projects/7/streams/" + escaped + "/results", ApiRoutes.BmCsResults(7, streamId));
        }
    }
}
