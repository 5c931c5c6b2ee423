using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AcrCloud.StandIn;

/// <summary>
/// A rate limiter in front of the API, as a real account may meet one (ACRCloud publishes no limits): at most so many
/// requests per token in each wall-clock second, and 429 with a Retry-After beyond that. Off until a test turns it on.
/// </summary>
internal sealed class RateLimit
{
    private readonly object gate = new();
    private readonly Dictionary<string, (long Second, int Count)> counts = new(StringComparer.Ordinal);
    private int perSecond;

    public void Set(int requestsPerSecond)
    {
        lock (gate)
        {
            perSecond = requestsPerSecond;
            counts.Clear();
        }
    }

    /// <summary>The 429 for a request over the limit, or null to let it through.</summary>
    public Reply? Refuse(HttpRequest request)
    {
        var now = DateTime.UtcNow;
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var token = request.Headers.Authorization.ToString();
        lock (gate)
        {
            if (perSecond <= 0)
            {
                return null;
            }

            var (at, count) = counts.TryGetValue(token, out var seen) && seen.Second == second ? seen : (second, 0);
            counts[token] = (at, count + 1);
            if (count < perSecond)
            {
                return null;
            }
        }

        // Whole seconds, as servers send it: the rest of this second, rounded up.
        var wait = Math.Max(1, (int)Math.Ceiling(((second + 1) * TimeSpan.TicksPerSecond - now.Ticks) / (double)TimeSpan.TicksPerSecond));
        return new Reply(StatusCodes.Status429TooManyRequests, Reply.Message(StatusCodes.Status429TooManyRequests, "Too Many Attempts.").Body)
        {
            RetryAfter = wait.ToString(CultureInfo.InvariantCulture),
        };
    }
}
