using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace AcrCloud.StandIn;

/// <summary>The per-day endpoints of streams and channels: results (with every filter the API has) and unknown
/// results, each one UTC day, answered from a generator seeded by the source and the date.</summary>
internal sealed class ResultDays(RecordGenerator generator)
{
    // A big bench day is tens of megabytes; building it once keeps the benchmark measuring the client, not this double.
    private readonly DayCache days = new(maxBytes: 256L * 1024 * 1024);

    public RecordGenerator Generator => generator;

    /// <summary>The results of one day of one source (<paramref name="key"/> names it in the cache).</summary>
    public Reply Answer(HttpRequest request, string key, Func<DateOnly, IReadOnlyList<DayRecord>> dayOf)
    {
        var query = new QueryParams(request);
        var last = query.OneOf("type", "day", "day", "last") == "last";
        var minDuration = query.Integer("min_duration", 0);
        var maxDuration = query.Integer("max_duration", 3600);
        var country = query.Text("isrc_country");
        if (country is not null && country.Length != 2)
        {
            query.Fail("isrc_country", "The isrc country field must be 2 characters.");
        }
        else if (country is not null && !country.All(char.IsAsciiLetter))
        {
            query.Fail("isrc_country", "The isrc country field must only contain letters.");
        }

        var withFalsePositives = query.OneOf("with_false_positive", "0", "0", "1") == "1";
        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        var now = DateTime.UtcNow;
        var day = DateOnly.FromDateTime(now);
        if (!last && BadDate(query, out day) is { } broken)
        {
            return broken;
        }

        if (!last && minDuration == 0 && maxDuration == 3600 && country is null && !withFalsePositives)
        {
            var body = days.GetOrAdd($"{key}|{day:yyyyMMdd}", () => Serialize(dayOf(day).Where(r => !r.FalsePositive).ToList()));
            return new Reply(StatusCodes.Status200OK, body);
        }

        var since = last ? now.AddHours(-2) : DateTime.MinValue;
        var until = last ? now : DateTime.MaxValue;
        return new Reply(StatusCodes.Status200OK, Serialize(dayOf(day)
            .Where(r => withFalsePositives || !r.FalsePositive)
            .Where(r => r.PlayedDuration >= minDuration && r.PlayedDuration <= maxDuration)
            .Where(r => r.Time >= since && r.Time <= until)
            .Where(r => country is null || r.Isrcs.Any(isrc => isrc.StartsWith(country, StringComparison.OrdinalIgnoreCase)))
            .ToList()));
    }

    /// <summary>The unknown results of one day: <c>date</c>, <c>min_duration</c> and <c>max_duration</c> are all
    /// the endpoint takes.</summary>
    public static Reply Unknown(HttpRequest request, Func<DateOnly, IReadOnlyList<DayRecord>> dayOf)
    {
        var query = new QueryParams(request);
        var minDuration = query.Integer("min_duration", 0);
        var maxDuration = query.Integer("max_duration", 3600);
        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        if (BadDate(query, out var day) is { } broken)
        {
            return broken;
        }

        return new Reply(StatusCodes.Status200OK, Serialize(dayOf(day)
            .Where(r => r.PlayedDuration >= minDuration && r.PlayedDuration <= maxDuration)
            .ToList()));
    }

    /// <summary>The asked day (today in UTC without one), or the answer to a malformed one: the real API does not
    /// validate the date, which fails deep inside and surfaces as a bare 500.</summary>
    private static Reply? BadDate(QueryParams query, out DateOnly day)
    {
        day = DateOnly.FromDateTime(DateTime.UtcNow);
        var date = query.Text("date");
        if (date is not null
            && (date.Length != 8 || !date.All(char.IsAsciiDigit)
                || !DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)))
        {
            return Reply.Message(StatusCodes.Status500InternalServerError, "Server Error");
        }

        return null;
    }

    private static ReadOnlyMemory<byte> Serialize(List<DayRecord> records) => DayRecord.Serialize(records, records.Count);
}

/// <summary>Whole-day bodies by stream and date, oldest dropped first once the total passes a byte budget.</summary>
internal sealed class DayCache(long maxBytes)
{
    private readonly object gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, Lazy<ReadOnlyMemory<byte>> Body)>> byKey = [];
    private readonly LinkedList<(string Key, Lazy<ReadOnlyMemory<byte>> Body)> newestFirst = new();

    public ReadOnlyMemory<byte> GetOrAdd(string key, Func<ReadOnlyMemory<byte>> build)
    {
        Lazy<ReadOnlyMemory<byte>> body;
        lock (gate)
        {
            if (byKey.TryGetValue(key, out var node))
            {
                newestFirst.Remove(node);
                newestFirst.AddFirst(node);
            }
            else
            {
                // Lazy makes concurrent first requests for the same day share one build.
                node = newestFirst.AddFirst((key, new Lazy<ReadOnlyMemory<byte>>(build)));
                byKey.Add(key, node);
            }

            body = node.Value.Body;
        }

        var bytes = body.Value;
        lock (gate)
        {
            var total = newestFirst.Sum(e => e.Body.IsValueCreated ? (long)e.Body.Value.Length : 0);
            while (total > maxBytes && newestFirst.Last is { } oldest && oldest.Value.Key != key)
            {
                total -= oldest.Value.Body.IsValueCreated ? oldest.Value.Body.Value.Length : 0;
                byKey.Remove(oldest.Value.Key);
                newestFirst.RemoveLast();
            }
        }

        return bytes;
    }
}
