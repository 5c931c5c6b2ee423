using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AcrCloud.StandIn;

/// <summary>The custom-streams broadcast monitoring API, answered from the catalogue, which writes change (see Writes.cs).</summary>
internal sealed partial class Api(Catalogue catalogue, RecordGenerator generator)
{
    private static readonly Reply NotFound = Reply.Message(StatusCodes.Status404NotFound, "Not Found");
    private static readonly Reply StreamNotFound = Reply.Message(StatusCodes.Status404NotFound, "Stream not found.");
    private static readonly Reply UnsupportedMediaType = Reply.Message(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
    private static readonly Reply NotAnObject = Reply.Json(StatusCodes.Status422UnprocessableEntity, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", "The given data was invalid.");
        w.WriteStartObject("errors");
        w.WriteStartArray("body");
        w.WriteStringValue("The body must be a JSON object.");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    // A big bench day is tens of megabytes; building it once keeps the benchmark measuring the client, not this double.
    private readonly DayCache days = new(maxBytes: 256L * 1024 * 1024);
    private long writeRequests;

    public void Map(IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/bm-cs-projects");
        projects.MapGet("", ListProjects);
        projects.MapGet("/{pid}", (string pid) =>
        {
            lock (catalogue.Gate)
            {
                return catalogue.FindProject(pid) is { } project ? Reply.Data(project.WriteTo) : NotFound;
            }
        });
        projects.MapGet("/{pid}/streams", ListStreams);
        projects.MapGet("/{pid}/streams/{sid}", (string pid, string sid) =>
        {
            lock (catalogue.Gate)
            {
                return Find(pid, sid, out var stream) ?? Reply.Data(stream!.WriteTo);
            }
        });
        projects.MapGet("/{pid}/streams/{sid}/results", Results);

        // Writes change the catalogue; /_test/reset puts it back, so each test can start from the seeded projects.
        var writes = projects.MapGroup("").AddEndpointFilter(NumberAnswer);
        MapWrites(writes);
        app.MapFallback("/api/{**rest}", () => NotFound);
    }

    private Reply ListProjects(HttpContext context)
    {
        var query = new QueryParams(context.Request);
        var perPage = query.Integer("per_page", 10, 1, 100);
        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        var region = query.Text("region");
        lock (catalogue.Gate)
        {
            var found = catalogue.Projects.Where(p => region is null || p.Region.Equals(region, StringComparison.OrdinalIgnoreCase)).ToList();
            return Reply.Page(context.Request, found, query.Page, perPage, (w, p) => p.WriteTo(w));
        }
    }

    private Reply ListStreams(HttpContext context, string pid)
    {
        lock (catalogue.Gate)
        {
            return ListStreamsLocked(context, pid);
        }
    }

    private Reply ListStreamsLocked(HttpContext context, string pid)
    {
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        var query = new QueryParams(context.Request);
        var perPage = query.Integer("per_page", 10, 1, 100);
        var sort = query.OneOf("sort", "created_at", "created_at", "stream_id", "name");
        var descending = query.OneOf("order", "desc", "asc", "desc") == "desc";
        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        var state = query.Text("state");
        var search = query.Text("search_value");
        Func<MonitorStream, string> key = sort switch
        {
            "stream_id" => s => s.StreamId,
            "name" => s => s.Name,
            _ => s => Catalogue.Stamp(s.Created),
        };
        var found = project.Streams
            .Where(s => state is null || state.Equals("All", StringComparison.OrdinalIgnoreCase) || s.State.Equals(state, StringComparison.OrdinalIgnoreCase))
            .Where(s => search is null || s.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || s.StreamId.Contains(search, StringComparison.OrdinalIgnoreCase));
        var sorted = descending
            ? found.OrderByDescending(key, StringComparer.OrdinalIgnoreCase).ThenByDescending(s => s.Id)
            : found.OrderBy(key, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id);
        return Reply.Page(context.Request, sorted.ToList(), query.Page, perPage, (w, s) => s.WriteTo(w));
    }

    private Reply Results(HttpContext context, string pid, string sid)
    {
        MonitorStream? stream;
        lock (catalogue.Gate)
        {
            if (Find(pid, sid, out stream) is { } missing)
            {
                return missing;
            }
        }

        var query = new QueryParams(context.Request);
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
        var date = query.Text("date");

        // The real API does not validate the date: a malformed one fails deep inside and surfaces as a bare 500.
        if (!last && date is not null
            && (date.Length != 8 || !date.All(char.IsAsciiDigit)
                || !DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)))
        {
            return Reply.Message(StatusCodes.Status500InternalServerError, "Server Error");
        }

        if (!last && minDuration == 0 && maxDuration == 3600 && country is null && !withFalsePositives)
        {
            var body = days.GetOrAdd($"{stream!.StreamId}|{day:yyyyMMdd}", () => Serialize(generator.Day(stream, day).Where(r => !r.FalsePositive).ToList()));
            return new Reply(StatusCodes.Status200OK, body);
        }

        var since = last ? now.AddHours(-2) : DateTime.MinValue;
        var until = last ? now : DateTime.MaxValue;
        return new Reply(StatusCodes.Status200OK, Serialize(generator.Day(stream!, day)
            .Where(r => withFalsePositives || !r.FalsePositive)
            .Where(r => r.PlayedDuration >= minDuration && r.PlayedDuration <= maxDuration)
            .Where(r => r.Time >= since && r.Time <= until)
            .Where(r => country is null || r.Isrcs.Any(isrc => isrc.StartsWith(country, StringComparison.OrdinalIgnoreCase)))
            .ToList()));
    }

    /// <summary>Numbers every answer to a write, whatever it is, so a test can tell a replayed request from a new one.</summary>
    private ValueTask<object?> NumberAnswer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers["X-Request-Id"] = Interlocked.Increment(ref writeRequests).ToString(CultureInfo.InvariantCulture);
        return next(context);
    }

    private static ReadOnlyMemory<byte> Serialize(List<DayRecord> records) => DayRecord.Serialize(records, records.Count);

    /// <summary>Null when both exist; otherwise the 404 the real API gives for whichever is missing.</summary>
    private Reply? Find(string pid, string sid, out MonitorStream? stream)
    {
        stream = null;
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        stream = Catalogue.FindStream(project, sid);
        return stream is null ? StreamNotFound : null;
    }
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
