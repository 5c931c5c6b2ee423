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
internal sealed partial class Api(Catalogue catalogue, ResultDays results)
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

        return results.Answer(context.Request, stream!.StreamId, day => results.Generator.Day(stream, day));
    }

    /// <summary>Numbers every answer to a write, whatever it is, so a test can tell a replayed request from a new one.</summary>
    private ValueTask<object?> NumberAnswer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers["X-Request-Id"] = Interlocked.Increment(ref writeRequests).ToString(CultureInfo.InvariantCulture);
        return next(context);
    }

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
