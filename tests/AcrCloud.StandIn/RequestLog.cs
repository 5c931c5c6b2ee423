using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AcrCloud.StandIn;

/// <summary>Every API request in arrival order, so tests can check what the client really sent: retries, pacing, headers.</summary>
internal sealed class RequestLog
{
    private const int MaxBodyBytes = 64 * 1024;

    private readonly object gate = new();
    private readonly List<Entry> entries = [];

    /// <param name="inFlight">API requests in progress on arrival, this one included: what the client had in flight.</param>
    public Entry Add(HttpRequest request, int inFlight)
    {
        // Logged on arrival rather than on completion, so the order shows when requests were sent even if answers overlap.
        var entry = new Entry(
            DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Headers.Host.ToString(),
            HeaderOrNull(request.Headers.Authorization),
            HeaderOrNull(request.Headers.Accept),
            HeaderOrNull(request.Headers.ContentType),
            inFlight);
        lock (gate)
        {
            entries.Add(entry);
        }

        return entry;
    }

    /// <summary>
    /// The start of the body as UTF-8 text, or null when the request has none. The body is buffered and rewound,
    /// so the handler still reads all of it.
    /// </summary>
    public static async Task<string?> PeekBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return null;
        }

        request.EnableBuffering();
        var buffer = new byte[MaxBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancel)) > 0)
        {
            length += read;
        }

        request.Body.Position = 0;
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    public Reply Describe() => Reply.Json(StatusCodes.Status200OK, w =>
    {
        w.WriteStartArray();
        lock (gate)
        {
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("time", e.Time);
                w.WriteString("method", e.Method);
                w.WriteString("path", e.Path);
                w.WriteString("query", e.Query);
                w.WriteString("host", e.Host);
                w.WriteString("authorization", e.Authorization);
                w.WriteString("accept", e.Accept);
                w.WriteString("contentType", e.ContentType);
                w.WriteNumber("status", e.Status);
                w.WriteNumber("inFlight", e.InFlight);
                w.WriteString("body", e.Body);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    });

    private static string? HeaderOrNull(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();

    internal sealed record Entry(string Time, string Method, string Path, string Query, string Host, string? Authorization, string? Accept, string? ContentType, int InFlight)
    {
        private int status;
        private int dropped;
        private string? body;

        /// <summary>Set once the body has arrived, which is after the entry was logged.</summary>
        public string? Body
        {
            get => Volatile.Read(ref body);
            set => Volatile.Write(ref body, value);
        }

        /// <summary>The status sent, or 0 when the connection was dropped or nothing was sent.</summary>
        public int Status => Volatile.Read(ref status);

        /// <summary>Called as the headers go out, before the client can see them, so a client never reads a log older than its answer.</summary>
        public void Answered(int sent)
        {
            if (Volatile.Read(ref dropped) == 0)
            {
                Volatile.Write(ref status, sent);
            }
        }

        public void Dropped()
        {
            Volatile.Write(ref dropped, 1);
            Volatile.Write(ref status, 0);
        }
    }
}
