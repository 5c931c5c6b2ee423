using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AcrCloud.Engine
{
    /// <summary>Runs the request path once against an in-memory answer, on a background thread, so the JIT work of
    /// the first real call (retry pipeline, body reading, JSON reading, the record tree) is done while the user is still
    /// typing or the runbook is still setting up. It sends nothing anywhere and holds no token.</summary>
    internal static class WarmUp
    {
        private static int _started;

        public static void StartOnce()
        {
            if (Interlocked.Exchange(ref _started, 1) == 1) return;
            Task.Run(async () =>
            {
                try
                {
                    var options = new ApiClientOptions(new Uri("http://warm-up.invalid"), 1, 0, TimeSpan.FromSeconds(5));
                    using var client = new ApiClient(options, "warm-up", new CannedHandler());
                    var response = await client.SendAsync(HttpMethod.Get, client.BuildUri("/api/x", null), null, null, null, CancellationToken.None).ConfigureAwait(false);
                    var records = JsonPSObjectConverter.ParseDataArray(response.Body);
                    // Bare, or behind the cmdlet assembly's view once a cmdlet has run.
                    var source = records[0] == null ? null : JsonObjectSource.SourceOf(records[0]!);
                    if (source != null)
                    {
                        source.Append("StreamId", "s");
                        _ = source.Get("metadata");
                        _ = source.TypeNameAt(0);
                    }

                    _ = JsonPSObjectConverter.ParseTopLevel(response.Body);
                }
                catch (Exception)
                {
                    // Only a head start: any failure here just means the first real call does the work itself.
                }
            });
        }

        private sealed class CannedHandler : HttpMessageHandler
        {
            private static readonly byte[] Record = Encoding.UTF8.GetBytes(
                "{\"status\":{\"msg\":\"Success\",\"code\":0},\"result_type\":0,\"metadata\":{\"timestamp_utc\":\"2024-03-01 22:58:41\",\"played_duration\":1.5,\"music\":[{\"title\":\"t\",\"Title\":\"t\"}]}}");

            private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"data\":[" + Encoding.UTF8.GetString(Record) + "]}");

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body), RequestMessage = request });
        }
    }
}
