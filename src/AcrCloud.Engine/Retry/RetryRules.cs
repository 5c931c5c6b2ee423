using System;
using System.Globalization;
using System.IO;
using System.Net.Http;

namespace AcrCloud.Engine
{
    /// <summary>Which failures are worth another attempt and how long to wait first. Pure functions,
    /// kept apart from the Polly wiring so the rules can be tested without a clock or a network.</summary>
    internal static class RetryRules
    {
        /// <summary>urllib3's BACKOFF_MAX: no computed back-off waits longer.</summary>
        public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(120);

        /// <summary>A server's Retry-After is obeyed up to this bound; a longer one is not waited for at all (the
        /// request fails at once), so one odd header cannot park a runbook for hours.</summary>
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

        /// <summary>Jitter adds up to this share of the nominal wait so parallel clients do not retry in lock-step.</summary>
        public const double JitterShare = 0.25;

        public static bool IsTransientStatus(int statusCode) =>
            statusCode == 408 || statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;

        public static bool IsTransientException(Exception exception) =>
            exception is HttpRequestException || exception is IOException || exception is TimeoutException;

        /// <summary>Only methods that may safely run twice are repeated without being asked.</summary>
        public static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put ||
            method == HttpMethod.Delete || method == HttpMethod.Options || method == HttpMethod.Trace;

        /// <summary>The wait before retry number <paramref name="retryNumber"/> (1 for the first retry), by
        /// urllib3's rule: nothing before the first retry, then factor × 2^(n−1), capped.</summary>
        public static TimeSpan NominalBackoff(int retryNumber, double backoffFactorSeconds)
        {
            if (retryNumber <= 1 || backoffFactorSeconds <= 0) return TimeSpan.Zero;
            var seconds = backoffFactorSeconds * Math.Pow(2, retryNumber - 1);
            return seconds >= MaxBackoff.TotalSeconds ? MaxBackoff : TimeSpan.FromSeconds(seconds);
        }

        /// <summary>The nominal back-off stretched by a random share in [0, <see cref="JitterShare"/>) given by <paramref name="unitRandom"/> in [0, 1).</summary>
        public static TimeSpan WithJitter(TimeSpan nominal, double unitRandom)
        {
            var stretched = TimeSpan.FromTicks((long)(nominal.Ticks * (1 + JitterShare * unitRandom)));
            return stretched > MaxBackoff ? MaxBackoff : stretched;
        }

        /// <summary>Reads a Retry-After header in either form, delta seconds (decimals tolerated) or an HTTP date.
        /// Not bounded (see <see cref="RetryAfterOf"/>), beyond a century, which is as good as forever.</summary>
        public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            value = value!.Trim();
            if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds >= Forever.TotalSeconds ? Forever : TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var when))
            {
                var wait = when - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        private static readonly TimeSpan Forever = TimeSpan.FromDays(36525);

        /// <summary>The wait a 429 or 503 answer asks for, or null when it asks for none (or has another status).</summary>
        public static TimeSpan? RetryAfterOf(ApiResponse response) =>
            HonoursRetryAfter(response.StatusCode) ? ParseRetryAfter(response.GetHeader("Retry-After"), DateTimeOffset.UtcNow) : null;

        /// <summary>Whether an answer asks for a wait longer than <see cref="MaxRetryAfter"/>: it is then final, since
        /// waiting would look like a hang and not waiting would ignore the server.</summary>
        public static bool AsksTooLong(ApiResponse response) => RetryAfterOf(response) is TimeSpan wait && wait > MaxRetryAfter;

        /// <summary>Retry-After is honoured where HTTP gives it that meaning for a retry.</summary>
        public static bool HonoursRetryAfter(int statusCode) => statusCode == 429 || statusCode == 503;
    }
}
