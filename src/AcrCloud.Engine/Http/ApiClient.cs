using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace AcrCloud.Engine
{
    /// <summary>One connection's HTTP client: thread-safe, shared by every request made with that connection.
    /// It holds the bearer token and sends it to the connection's own origin only.</summary>
    internal sealed class ApiClient : IDisposable
    {
        private const int MaxRedirects = 5;
        private const int MaxConnections = 64;
        private const long MaxInitialBuffer = 64L * 1024 * 1024;
        private static readonly string UserAgent = "AcrCloud-PowerShell/" +
            (typeof(ApiClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

        // The log delegate travels in the resilience context, so one pipeline serves every call.
        private static readonly ResiliencePropertyKey<Action<string>?> LogKey = new ResiliencePropertyKey<Action<string>?>("AcrCloud.Log");

        private readonly HttpClient _http;
        private readonly ConnectionThrottle _throttle = new ConnectionThrottle(MaxConnections);
        private readonly ConcurrentDictionary<(int MaxRetries, double BackoffFactor), ResiliencePipeline<ApiResponse>> _pipelines =
            new ConcurrentDictionary<(int, double), ResiliencePipeline<ApiResponse>>();
        private string? _authorization;

        /// <summary>What every request asks for unless told otherwise: the console API answers JSON.</summary>
        public const string JsonMediaType = "application/json";

        public ApiClient(ApiClientOptions options, string bearerToken, HttpMessageHandler? handler = null)
        {
            if (string.IsNullOrEmpty(bearerToken)) throw new ArgumentException("A bearer token is required.", nameof(bearerToken));
            Options = options;
            _authorization = "Bearer " + bearerToken;
            // Redirects are followed by hand so the token can never travel to another origin.
            _http = new HttpClient(handler ?? CreateHandler())
            {
                // Each attempt has its own timeout; the client-wide one would cut a whole retry sequence short.
                Timeout = Timeout.InfiniteTimeSpan,
            };
        }

        public ApiClientOptions Options { get; }

        /// <summary>The connection's shared pause and in-flight window.</summary>
        internal ConnectionThrottle Throttle => _throttle;

        private static HttpClientHandler CreateHandler()
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            try
            {
                // .NET Framework allows two connections per host by default: concurrent stream-days would queue, and
                // time out while queued.
                handler.MaxConnectionsPerServer = MaxConnections;
            }
            catch (PlatformNotSupportedException)
            {
            }

            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
            {
                // Windows PowerShell's process default may still offer only SSL 3 and TLS 1.0, which the API refuses.
                handler.SslProtocols = SslProtocols.Tls12;
            }

            return handler;
        }

        public bool IsDisposed => _authorization == null;

        /// <summary>Resolves a path (or an absolute URL of the same origin) and a query against the base URL.</summary>
        public Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            Uri target;
            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                if (!IsSameOrigin(absolute, Options.BaseUri))
                {
                    throw new ForeignOriginException(absolute, Options.BaseUri);
                }

                target = absolute;
            }
            else
            {
                var basePath = Options.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
                target = new Uri(basePath + "/" + path.TrimStart('/'), UriKind.Absolute);
            }

            var pairs = query?.ToList();
            if (pairs == null || pairs.Count == 0) return target;

            var builder = new StringBuilder(target.Query.TrimStart('?'));
            foreach (var pair in pairs)
            {
                if (builder.Length > 0) builder.Append('&');
                builder.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value ?? string.Empty));
            }

            return new UriBuilder(target) { Query = builder.ToString() }.Uri;
        }

        public static bool IsSameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            a.Port == b.Port;

        /// <summary>Sends a request, retrying transient failures by the connection's rules (or <paramref name="overrides"/>).
        /// Returns the final HTTP answer whatever its status; throws <see cref="TransportException"/> when none arrived.</summary>
        public Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, byte[]? jsonBody, ApiClientOptions? overrides, Action<string>? log, CancellationToken cancellationToken) =>
            SendAsync(method, uri, jsonBody, JsonMediaType, overrides, log, cancellationToken);

        /// <summary>As the other overload, asking for <paramref name="accept"/> (such as */* for a recording's
        /// audio) instead of JSON.</summary>
        public async Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, byte[]? jsonBody, string accept, ApiClientOptions? overrides, Action<string>? log, CancellationToken cancellationToken)
        {
            var options = overrides ?? Options;
            // Pipelines are thread-safe and kept per retry setting, so a call that overrides them builds one once.
            var pipeline = !RetryRules.IsIdempotent(method) ? ResiliencePipeline<ApiResponse>.Empty
                : _pipelines.GetOrAdd((options.MaxRetries, options.BackoffFactorSeconds), key => BuildPipeline(key.MaxRetries, key.BackoffFactor));

            var attempts = 0;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(LogKey, log);
            try
            {
                var outcome = await pipeline.ExecuteOutcomeAsync(
                    async (ctx, _) =>
                    {
                        var attempt = Interlocked.Increment(ref attempts);
                        try
                        {
                            return Outcome.FromResult(await EnterAndAttemptAsync(method, uri, jsonBody, accept, options.AttemptTimeout, options.MaxResponseBytes, attempt, log, ctx.CancellationToken).ConfigureAwait(false));
                        }
                        catch (Exception ex)
                        {
                            return Outcome.FromException<ApiResponse>(ex);
                        }
                    },
                    context,
                    (object?)null).ConfigureAwait(false);

                if (outcome.Exception == null) return outcome.Result!;
                cancellationToken.ThrowIfCancellationRequested();
                // Anything but a network failure or a time-out is a fault of ours or of the caller: keep it as it is.
                if (!RetryRules.IsTransientException(outcome.Exception)) ExceptionDispatchInfo.Capture(outcome.Exception).Throw();
                throw ToTransportException(outcome.Exception, method, uri, options, attempts);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private static ResiliencePipeline<ApiResponse> BuildPipeline(int maxRetries, double backoffFactorSeconds) =>
            RetryPipelineFactory.Create(maxRetries, backoffFactorSeconds, (context, outcome, failedAttempt, wait) =>
            {
                if (!context.Properties.TryGetValue(LogKey, out var log) || log == null) return;
                // The connection's pause was written once when it began; eight requests need not repeat it.
                if (outcome.Result != null && RetryRules.RetryAfterOf(outcome.Result).HasValue) return;
                var what = outcome.Exception != null ? Describe(outcome.Exception) : $"HTTP {outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}";
                log($"Attempt {failedAttempt} of {maxRetries + 1} failed: {what}. Retrying in {wait.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s.");
            });

        private async Task<ApiResponse> EnterAndAttemptAsync(HttpMethod method, Uri uri, byte[]? jsonBody, string accept, TimeSpan timeout, long maxResponseBytes, int attempt, Action<string>? log, CancellationToken cancellationToken)
        {
            var authorization = _authorization ?? throw new ObjectDisposedException(nameof(ApiClient), "This AcrCloud connection was closed by Disconnect-AcrCloud.");
            var lease = await _throttle.EnterAsync(cancellationToken).ConfigureAwait(false);
            ApiResponse? answer = null;
            try
            {
                answer = await AttemptAsync(method, uri, jsonBody, accept, timeout, maxResponseBytes, attempt, authorization, log, cancellationToken).ConfigureAwait(false);
                return answer;
            }
            finally
            {
                Settle(lease, answer, log);
            }
        }

        /// <summary>Tells the throttle what an attempt got: a 429 narrows the window, a Retry-After pauses the
        /// connection; each is written once, by the request that caused it.</summary>
        private void Settle(ConnectionThrottle.Lease lease, ApiResponse? answer, Action<string>? log)
        {
            var shrunk = _throttle.Complete(lease, answer?.StatusCode);
            if (answer == null) return;
            var wait = RetryRules.RetryAfterOf(answer);
            var what = $"HTTP {answer.StatusCode} {answer.ReasonPhrase}";
            if (wait.HasValue && wait.Value > RetryRules.MaxRetryAfter)
            {
                log?.Invoke($"{what}: the server asks to wait {Seconds(wait.Value)} s (Retry-After), longer than {Seconds(RetryRules.MaxRetryAfter)} s; not retried.");
            }
            else if (wait.HasValue && wait.Value > TimeSpan.Zero && _throttle.Pause(wait.Value))
            {
                log?.Invoke($"{what}: the server asks to wait {Seconds(wait.Value)} s (Retry-After); every request of this connection waits until then.");
            }

            if (shrunk.HasValue) log?.Invoke($"{what}: at most {shrunk.Value} request(s) of this connection in flight from now on.");
        }

        private static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

        private async Task<ApiResponse> AttemptAsync(HttpMethod method, Uri uri, byte[]? jsonBody, string accept, TimeSpan timeout, long maxResponseBytes, int attempt, string authorization, Action<string>? log, CancellationToken cancellationToken)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            var stopwatch = Stopwatch.StartNew();
            var current = uri;
            var refusal = RedirectRefusal.None;
            Uri? refusedLocation = null;
            try
            {
                for (var redirects = 0; ; redirects++)
                {
                    log?.Invoke($"{method} {current} (attempt {attempt})");
                    using var request = new HttpRequestMessage(method, current);
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
                    request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                    if (jsonBody != null)
                    {
                        request.Content = new ByteArrayContent(jsonBody);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    }

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    var location = response.Headers.Location;
                    if (status >= 300 && status < 400 && location != null)
                    {
                        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                        refusal = !IsSameOrigin(next, uri) ? RedirectRefusal.OtherOrigin
                            : !(status == 307 || status == 308 || method == HttpMethod.Get || method == HttpMethod.Head) ? RedirectRefusal.MethodChange
                            : redirects >= MaxRedirects ? RedirectRefusal.TooMany
                            : RedirectRefusal.None;
                        if (refusal == RedirectRefusal.None)
                        {
                            current = next;
                            continue;
                        }

                        refusedLocation = next;
                        log?.Invoke(refusal == RedirectRefusal.OtherOrigin
                            ? $"Not following the redirect to {next.GetLeftPart(UriPartial.Path)}: the token is only sent to {uri.GetLeftPart(UriPartial.Authority)}."
                            : $"Not following the redirect to {next.GetLeftPart(UriPartial.Path)} ({(refusal == RedirectRefusal.TooMany ? $"more than {MaxRedirects} redirects" : $"{status} would change {method} into GET")}).");
                    }

                    var body = await ReadBodyAsync(response.Content, maxResponseBytes, timeoutSource.Token).ConfigureAwait(false);
                    log?.Invoke($"{status} {response.ReasonPhrase} ({body.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, {stopwatch.ElapsedMilliseconds} ms)");
                    return new ApiResponse(current, status, response.ReasonPhrase ?? string.Empty, CollectHeaders(response), body, attempt)
                    {
                        RedirectRefusal = refusal,
                        RefusedLocation = refusedLocation,
                    };
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
            }
        }

        private static async Task<byte[]> ReadBodyAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
        {
            if (content == null) return Array.Empty<byte>();
            // A compressed body's length says nothing about what it inflates to; decompression removes the header.
            var length = content.Headers.ContentLength;
            if (length > maxBytes) throw new ResponseTooLargeException(maxBytes, length);
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var registration = cancellationToken.Register(s => ((Stream)s!).Dispose(), stream);
            // The announced length sizes the buffer, within reason: a bogus header must not allocate gigabytes up front.
            using var buffer = new MemoryStream(length.HasValue && length.Value > 0 ? (int)Math.Min(length.Value, MaxInitialBuffer) : 16 * 1024);
            try
            {
                // Counted as it is read, so a body that inflates without end (a gzip bomb) is cut off at the bound.
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes) throw new ResponseTooLargeException(maxBytes, null);
                    buffer.Write(chunk, 0, read);
                }
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }

        private static Dictionary<string, string[]> CollectHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers) headers[header.Key] = header.Value.ToArray();
            if (response.Content != null)
            {
                foreach (var header in response.Content.Headers) headers[header.Key] = header.Value.ToArray();
            }

            return headers;
        }

        internal static string Describe(Exception exception)
        {
            if (exception is TimeoutException) return exception.Message;
            var innermost = exception;
            while (innermost.InnerException != null) innermost = innermost.InnerException;
            return ReferenceEquals(innermost, exception) ? exception.Message : $"{exception.Message} ({innermost.Message})";
        }

        private static TransportException ToTransportException(Exception exception, HttpMethod method, Uri uri, ApiClientOptions options, int attempts)
        {
            var failure = exception is TimeoutException ? TransportFailure.TimedOut : TransportFailure.ConnectionFailed;
            var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
            // The query stays in the message: for a stream-day it is the day.
            return new TransportException(failure, $"{method} {uri.GetLeftPart(UriPartial.Path)}{uri.Query} failed after {tries}: {Describe(exception)}", exception, attempts);
        }

        public void Dispose()
        {
            _authorization = null;
            _http.Dispose();
        }

        public override string ToString() => $"AcrCloud API client for {Options.BaseUri.GetLeftPart(UriPartial.Authority)}";
    }
}
