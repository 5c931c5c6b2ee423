using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests
{
    public class ApiClientTests
    {
        private const string Token = "secret-token-123";

        /// <summary>Answers each request from a script, and records what it was sent.</summary>
        private sealed class ScriptedHandler : HttpMessageHandler
        {
            private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script;

            public ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script) =>
                _script = new Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>>(script);

            public ConcurrentQueue<(Uri Uri, string? Authorization, DateTime At)> Seen { get; } = new ConcurrentQueue<(Uri, string?, DateTime)>();

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Seen.Enqueue((request.RequestUri!, request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null, DateTime.UtcNow));
                var next = _script.Count > 1 ? _script.Dequeue() : _script.Peek();
                return next(request, cancellationToken);
            }
        }

        private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(int status, string body = "{}", Action<HttpResponseMessage>? tweak = null) =>
            (request, _) =>
            {
                var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
                tweak?.Invoke(response);
                return Task.FromResult(response);
            };

        private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fail() =>
            (_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"));

        private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
            async (_, cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            };

        private static ApiClient Client(ScriptedHandler handler, int maxRetries = 5, double backoff = 0.01, double timeoutSeconds = 10) =>
            new ApiClient(new ApiClientOptions(new Uri("https://api.example.test"), maxRetries, backoff, TimeSpan.FromSeconds(timeoutSeconds)), Token, handler);

        private static Task<ApiResponse> Get(ApiClient client, string path = "/api/bm-cs-projects", List<string>? log = null, CancellationToken cancellationToken = default) =>
            client.SendAsync(HttpMethod.Get, client.BuildUri(path, null), null, null, log == null ? null : (Action<string>)(m => { lock (log) log.Add(m); }), cancellationToken);

        [Fact]
        public async Task Transient_statuses_are_retried_until_success()
        {
            var handler = new ScriptedHandler(Status(503), Status(502), Status(200, "{\"data\":[]}"));
            var response = await Get(Client(handler));
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(3, response.Attempts);
            Assert.Equal(3, handler.Seen.Count);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(422)]
        public async Task Permanent_failures_get_one_attempt(int status)
        {
            var handler = new ScriptedHandler(Status(status, "{\"message\":\"no\"}"));
            var response = await Get(Client(handler));
            Assert.Equal(status, response.StatusCode);
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task Retries_stop_after_max_retries_and_return_the_last_answer()
        {
            var handler = new ScriptedHandler(Status(503));
            var response = await Get(Client(handler, maxRetries: 2));
            Assert.Equal(503, response.StatusCode);
            Assert.Equal(3, handler.Seen.Count);
        }

        [Fact]
        public async Task Zero_retries_means_one_attempt()
        {
            var handler = new ScriptedHandler(Status(500));
            await Get(Client(handler, maxRetries: 0));
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task Network_failures_are_retried_then_reported_as_transport_failures()
        {
            var handler = new ScriptedHandler(Fail());
            var failure = await Assert.ThrowsAsync<TransportException>(() => Get(Client(handler, maxRetries: 3)));
            Assert.Equal(TransportFailure.ConnectionFailed, failure.Failure);
            Assert.Equal(4, failure.Attempts);
            Assert.Equal(4, handler.Seen.Count);
            Assert.DoesNotContain(Token, failure.ToString());
        }

        [Fact]
        public async Task An_attempt_past_the_timeout_is_a_retried_timeout()
        {
            var handler = new ScriptedHandler(Hang());
            var failure = await Assert.ThrowsAsync<TransportException>(() => Get(Client(handler, maxRetries: 1, timeoutSeconds: 0.2)));
            Assert.Equal(TransportFailure.TimedOut, failure.Failure);
            Assert.Equal(2, handler.Seen.Count);
        }

        [Fact]
        public async Task Retry_after_wins_over_the_backoff()
        {
            var handler = new ScriptedHandler(Status(429, tweak: r => r.Headers.TryAddWithoutValidation("Retry-After", "0.6")), Status(200));
            var watch = Stopwatch.StartNew();
            await Get(Client(handler, backoff: 0));
            Assert.InRange(watch.Elapsed.TotalSeconds, 0.55, 5);
            var times = handler.Seen.Select(s => s.At).ToArray();
            Assert.InRange((times[1] - times[0]).TotalSeconds, 0.55, 5);
        }

        [Fact]
        public async Task Each_retry_is_logged_without_the_token()
        {
            var handler = new ScriptedHandler(Status(503), Status(200));
            var log = new List<string>();
            await Get(Client(handler), log: log);
            Assert.Contains(log, line => line.Contains("Attempt 1 of 6 failed: HTTP 503"));
            Assert.All(log, line => Assert.DoesNotContain(Token, line));
        }

        [Fact]
        public async Task Cancellation_stops_a_hanging_request_at_once()
        {
            var handler = new ScriptedHandler(Hang());
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Get(Client(handler), cancellationToken: cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task Cancellation_stops_a_backoff_wait()
        {
            var handler = new ScriptedHandler(Status(503, tweak: r => r.Headers.TryAddWithoutValidation("Retry-After", "60")));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Get(Client(handler), cancellationToken: cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        }

        [Fact]
        public async Task Post_is_not_retried()
        {
            var handler = new ScriptedHandler(Status(503), Status(200));
            var client = Client(handler);
            var response = await client.SendAsync(HttpMethod.Post, client.BuildUri("/api/bm-cs-projects", null), Encoding.UTF8.GetBytes("{}"), null, null, default);
            Assert.Equal(503, response.StatusCode);
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task The_token_goes_to_the_own_origin_and_never_follows_a_redirect_elsewhere()
        {
            var handler = new ScriptedHandler(
                Status(302, tweak: r => r.Headers.Location = new Uri("https://api.example.test/api/moved")),
                Status(302, tweak: r => r.Headers.Location = new Uri("https://evil.example.test/steal")));
            var response = await Get(Client(handler));
            Assert.Equal(302, response.StatusCode);
            Assert.Equal(new[] { "/api/bm-cs-projects", "/api/moved" }, handler.Seen.Select(s => s.Uri.AbsolutePath));
            Assert.All(handler.Seen, s => Assert.Equal("Bearer " + Token, s.Authorization));
        }

        [Fact]
        public void Absolute_urls_of_another_origin_are_refused()
        {
            var client = Client(new ScriptedHandler(Status(200)));
            Assert.Throws<ForeignOriginException>(() => client.BuildUri("https://other.example.test/api/x", null));
            Assert.Throws<ForeignOriginException>(() => client.BuildUri("http://api.example.test/api/x", null));
            Assert.Throws<ForeignOriginException>(() => client.BuildUri("https://api.example.test:8443/api/x", null));
            Assert.Equal("https://api.example.test/api/x?a=1", client.BuildUri("https://api.example.test/api/x?a=1", null).AbsoluteUri);
        }

        [Fact]
        public void Query_values_are_escaped_and_appended()
        {
            var client = Client(new ScriptedHandler(Status(200)));
            var uri = client.BuildUri("api/bm-cs-projects/1/streams?page=2", new[]
            {
                new KeyValuePair<string, string>("search_value", "Zürich & Co"),
                new KeyValuePair<string, string>("state", "Invalid URL"),
            });
            Assert.Equal("https://api.example.test/api/bm-cs-projects/1/streams?page=2&search_value=Z%C3%BCrich%20%26%20Co&state=Invalid%20URL", uri.AbsoluteUri);
        }

        [Fact]
        public async Task A_disposed_client_sends_nothing()
        {
            var handler = new ScriptedHandler(Status(200));
            var client = Client(handler);
            client.Dispose();
            Assert.True(client.IsDisposed);
            await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => Get(client));
            Assert.Empty(handler.Seen);
            Assert.DoesNotContain(Token, client.ToString());
        }
    }
}
