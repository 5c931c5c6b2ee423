using System;
using System.IO;
using System.Net.Http;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests
{
    public class RetryRulesTests
    {
        [Theory]
        [InlineData(408, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(504, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(422, false)]
        [InlineData(501, false)]
        [InlineData(200, false)]
        public void Only_transient_statuses_are_retried(int status, bool transient) =>
            Assert.Equal(transient, RetryRules.IsTransientStatus(status));

        [Fact]
        public void Network_failures_and_timeouts_are_transient_but_other_exceptions_are_not()
        {
            Assert.True(RetryRules.IsTransientException(new HttpRequestException("reset")));
            Assert.True(RetryRules.IsTransientException(new IOException("dropped")));
            Assert.True(RetryRules.IsTransientException(new TimeoutException()));
            Assert.False(RetryRules.IsTransientException(new InvalidOperationException()));
            Assert.False(RetryRules.IsTransientException(new ArgumentException()));
        }

        [Theory]
        [InlineData(1, 0.1, 0.0)]
        [InlineData(2, 0.1, 0.2)]
        [InlineData(3, 0.1, 0.4)]
        [InlineData(4, 0.1, 0.8)]
        [InlineData(2, 0.0, 0.0)]
        [InlineData(30, 0.1, 120.0)]
        public void Backoff_follows_the_urllib3_rule(int retry, double factor, double expectedSeconds) =>
            Assert.Equal(expectedSeconds, RetryRules.NominalBackoff(retry, factor).TotalSeconds, 6);

        [Fact]
        public void Jitter_only_stretches_the_wait_by_up_to_a_quarter()
        {
            var nominal = TimeSpan.FromSeconds(0.4);
            Assert.Equal(nominal, RetryRules.WithJitter(nominal, 0));
            Assert.InRange(RetryRules.WithJitter(nominal, 0.999).TotalSeconds, 0.4, 0.5);
            Assert.Equal(RetryRules.MaxBackoff, RetryRules.WithJitter(RetryRules.MaxBackoff, 0.5));
        }

        [Theory]
        [InlineData("2", 2.0)]
        [InlineData("1.5", 1.5)]
        [InlineData(" 0.25 ", 0.25)]
        [InlineData("0", 0.0)]
        [InlineData("86400", 86400.0)]
        public void Retry_after_in_seconds_is_read_with_decimals(string header, double expected) =>
            Assert.Equal(expected, RetryRules.ParseRetryAfter(header, DateTimeOffset.UtcNow)!.Value.TotalSeconds, 6);

        [Fact]
        public void Retry_after_as_an_http_date_is_the_time_until_then()
        {
            var now = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
            Assert.Equal(TimeSpan.FromSeconds(7), RetryRules.ParseRetryAfter("Fri, 27 Nov 2026 08:00:07 GMT", now));
            Assert.Equal(TimeSpan.Zero, RetryRules.ParseRetryAfter("Fri, 27 Nov 2026 07:59:00 GMT", now));
            Assert.Equal(TimeSpan.FromDays(1), RetryRules.ParseRetryAfter("Sat, 28 Nov 2026 08:00:00 GMT", now));
        }

        [Theory]
        [InlineData("300", false)]
        [InlineData("301", true)]
        [InlineData("31536000", true)]
        [InlineData("99999999999999999999", true)]
        public void A_retry_after_beyond_the_bound_is_final(string header, bool tooLong)
        {
            var headers = new System.Collections.Generic.Dictionary<string, string[]> { ["Retry-After"] = new[] { header } };
            Assert.Equal(tooLong, RetryRules.AsksTooLong(new ApiResponse(new Uri("https://api.example.test/"), 429, "Too Many Requests", headers, Array.Empty<byte>(), 1)));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("-5")]
        public void Unreadable_retry_after_is_ignored(string? header) =>
            Assert.Null(RetryRules.ParseRetryAfter(header, DateTimeOffset.UtcNow));

        [Fact]
        public void Only_idempotent_methods_are_retried()
        {
            Assert.True(RetryRules.IsIdempotent(HttpMethod.Get));
            Assert.True(RetryRules.IsIdempotent(HttpMethod.Put));
            Assert.True(RetryRules.IsIdempotent(HttpMethod.Delete));
            Assert.False(RetryRules.IsIdempotent(HttpMethod.Post));
            Assert.False(RetryRules.IsIdempotent(new HttpMethod("PATCH")));
        }

        [Theory]
        [InlineData(429, true)]
        [InlineData(503, true)]
        [InlineData(500, false)]
        [InlineData(502, false)]
        public void Retry_after_counts_for_429_and_503(int status, bool honoured) =>
            Assert.Equal(honoured, RetryRules.HonoursRetryAfter(status));
    }
}
