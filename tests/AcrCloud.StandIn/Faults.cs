using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AcrCloud.StandIn;

internal enum FaultKind
{
    Status,
    Drop,
    DropMidBody,
    Slow,
    BadJson,
    Hang,
    Redirect,
    /// <summary>The real answer, one byte every delayMs: a body that never seems to end.</summary>
    Trickle,
    /// <summary>A 200 with Content-Encoding gzip whose few MB inflate to sizeMb mebibytes of zeros.</summary>
    GzipBomb,
    /// <summary>A 200 whose JSON holds bytes that are not UTF-8.</summary>
    InvalidUtf8,
}

internal sealed record Fault(FaultKind Kind, int Status, string? RetryAfter, string? Body, int DelayMs, string? Location, int SizeMb = 4096)
{
    public static Fault Parse(JsonNode? node)
    {
        var kindName = Scalar(node?["kind"]) ?? throw new FormatException("Every fault needs a \"kind\".");
        if (!Enum.TryParse<FaultKind>(kindName, ignoreCase: true, out var kind) || int.TryParse(kindName, out _))
        {
            throw new FormatException($"Unknown fault kind \"{kindName}\".");
        }

        var location = Scalar(node!["location"]);
        if (kind == FaultKind.Redirect && string.IsNullOrEmpty(location))
        {
            throw new FormatException("A redirect fault needs a \"location\".");
        }

        return new Fault(
            kind,
            Number(node["status"], "status") ?? (kind == FaultKind.Redirect ? StatusCodes.Status302Found : StatusCodes.Status503ServiceUnavailable),
            Scalar(node["retryAfter"]),
            Scalar(node["body"]),
            Number(node["delayMs"], "delayMs") ?? 1000,
            location,
            Number(node["sizeMb"], "sizeMb") ?? 4096);
    }

    /// <summary>Strings as they are, anything else as its JSON text, so a script may send 2 or "2" or a body object.</summary>
    public static string? Scalar(JsonNode? node) =>
        node is null ? null : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static int? Number(JsonNode? node, string name) =>
        Scalar(node) is not { } text ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"\"{name}\" must be an integer.");
}

/// <summary>
/// Scripted misbehaviour for the next matching requests, so tests can exercise the client's retries and error handling
/// against the failures a real network and a real API produce.
/// </summary>
internal sealed class FaultScript
{
    private readonly object gate = new();
    private readonly List<Rule> rules = [];
    private Chaos? chaos;

    public void SetChaos(Chaos? value)
    {
        lock (gate)
        {
            chaos = value;
        }
    }

    public int Add(JsonNode? rule)
    {
        if (rule is not JsonObject || rule["faults"] is not JsonArray faults)
        {
            throw new FormatException("A rule is an object with \"match\", an optional \"date\" and a \"faults\" array.");
        }

        var parsed = new Rule(Fault.Scalar(rule["match"]) ?? "", Fault.Scalar(rule["date"]), new Queue<Fault>(faults.Select(Fault.Parse)));
        lock (gate)
        {
            rules.Add(parsed);
            return rules.Count;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            chaos = null;
        }
    }

    public Reply Describe() => Reply.Json(StatusCodes.Status200OK, w =>
    {
        w.WriteStartArray();
        lock (gate)
        {
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                w.WriteString("match", rule.Match);
                w.WriteString("date", rule.Date);
                w.WriteStartArray("remaining");
                foreach (var fault in rule.Faults)
                {
                    w.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(fault.Kind.ToString()));
                }

                w.WriteEndArray();

                // "remaining" keeps its plain list of kinds; the settings of each fault are here.
                w.WriteStartArray("faults");
                foreach (var fault in rule.Faults)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(fault.Kind.ToString()));
                    w.WriteNumber("status", fault.Status);
                    w.WriteString("retryAfter", fault.RetryAfter);
                    w.WriteString("body", fault.Body);
                    w.WriteNumber("delayMs", fault.DelayMs);
                    w.WriteString("location", fault.Location);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    });

    /// <summary>Answers the request through <paramref name="respond"/>, unless a scripted fault says otherwise.</summary>
    public async Task RunAsync(HttpContext context, RequestLog.Entry entry, Func<Task> respond, CancellationToken cancel)
    {
        var fault = Take(context.Request);
        switch (fault?.Kind)
        {
            case null:
                await respond();
                break;
            case FaultKind.Status:
                await StatusReply(fault).ExecuteAsync(context);
                break;
            case FaultKind.Drop:
                entry.Dropped();
                context.Abort();
                break;
            case FaultKind.Hang:
                entry.Dropped();
                await Task.Delay(Timeout.Infinite, cancel);
                break;
            case FaultKind.Redirect:
                context.Response.StatusCode = fault.Status;
                context.Response.Headers.Location = fault.Location;
                context.Response.ContentLength = 0;
                break;
            case FaultKind.Slow:
                await Task.Delay(fault.DelayMs, cancel);
                await respond();
                break;
            case FaultKind.Trickle:
                await TrickleAsync(context, respond, fault.DelayMs, cancel);
                break;
            case FaultKind.GzipBomb:
                await GzipBomb.WriteAsync(context.Response, fault.SizeMb, cancel);
                break;
            case FaultKind.InvalidUtf8:
                // "Zürich" in Latin-1: the ü is the lone byte 0xFC, which UTF-8 does not allow.
                await new Reply(StatusCodes.Status200OK, new byte[] { 0x7B, 0x22, 0x64, 0x61, 0x74, 0x61, 0x22, 0x3A, 0x5B, 0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68, 0x22, 0x7D, 0x5D, 0x7D })
                    .ExecuteAsync(context);
                break;
            default:
                await SpoilAsync(context, entry, respond, fault.Kind == FaultKind.DropMidBody, cancel);
                break;
        }
    }

    private static Reply StatusReply(Fault fault)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(fault.Status);

        // 502 and 504 come from a proxy in front of the API, which answers in HTML rather than Laravel's JSON.
        var text = fault.Body ?? (fault.Status is 502 or 504
            ? $"<html><head><title>{fault.Status} {phrase}</title></head><body><h1>{fault.Status} {phrase}</h1><hr><p>nginx</p></body></html>"
            : null);
        var message = fault.Status switch
        {
            429 => "Too Many Attempts.",
            500 => "Server Error",
            _ => phrase.Length > 0 ? phrase : "Error",
        };
        var body = text is null ? Reply.Message(fault.Status, message).Body : Encoding.UTF8.GetBytes(text);
        var contentType = text?.TrimStart().StartsWith('<') == true ? "text/html; charset=utf-8" : "application/json";
        return new Reply(fault.Status, body, contentType) { RetryAfter = fault.RetryAfter };
    }

    /// <summary>The real answer's body, built into memory instead of onto the network; status and headers stay set.</summary>
    private static async Task<byte[]> BufferAsync(HttpContext context, Func<Task> respond)
    {
        var response = context.Response;
        var network = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await respond();
        }
        finally
        {
            response.Body = network;
        }

        return buffer.ToArray();
    }

    /// <summary>Builds the real answer and sends it a byte at a time, each after a pause, with the whole length announced.</summary>
    private static async Task TrickleAsync(HttpContext context, Func<Task> respond, int delayMs, CancellationToken cancel)
    {
        var body = await BufferAsync(context, respond);
        var network = context.Response.Body;
        context.Response.ContentLength = body.Length;
        for (var i = 0; i < body.Length; i++)
        {
            await network.WriteAsync(body.AsMemory(i, 1), cancel);
            await network.FlushAsync(cancel);
            await Task.Delay(delayMs, cancel);
        }
    }

    /// <summary>Builds the real answer, then sends it broken: cut short as a 200, or half of it and the connection gone.</summary>
    private static async Task SpoilAsync(HttpContext context, RequestLog.Entry entry, Func<Task> respond, bool drop, CancellationToken cancel)
    {
        var response = context.Response;
        var network = response.Body;
        var body = (await BufferAsync(context, respond)).AsMemory();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        if (drop)
        {
            entry.Dropped();
            response.ContentLength = body.Length;
            await network.WriteAsync(body[..(body.Length / 2)], cancel);
            await network.FlushAsync(cancel);

            // Aborting at once would discard what the transport has not yet handed to the socket.
            await Task.Delay(100, cancel);
            context.Abort();
        }
        else
        {
            var cut = body[..(body.Length * 2 / 5)];
            response.ContentLength = cut.Length;
            await network.WriteAsync(cut, cancel);
        }
    }

    private Fault? Take(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var date = request.Query["date"] is { Count: > 0 } dates ? dates[^1] : null;
        lock (gate)
        {
            var rule = rules.FirstOrDefault(r => r.Faults.Count > 0 && path.Contains(r.Match, StringComparison.Ordinal) && (r.Date is null || r.Date == date));
            return rule?.Faults.Dequeue() ?? chaos?.Next(path);
        }
    }

    private sealed record Rule(string Match, string? Date, Queue<Fault> Faults);
}

/// <summary>
/// Random faults on a share of the matching requests, from a seeded sequence: the soak test's weather. The kinds are
/// those a real network and API produce: 503 and 429 (with a short Retry-After), dropped connections, slow answers
/// and bodies cut short.
/// </summary>
internal sealed class Chaos(string match, double share, int seed, int slowMs)
{
    private static readonly Func<int, Fault>[] Kinds =
    [
        _ => new Fault(FaultKind.Status, StatusCodes.Status503ServiceUnavailable, null, null, 0, null),
        _ => new Fault(FaultKind.Status, StatusCodes.Status429TooManyRequests, "1", null, 0, null),
        _ => new Fault(FaultKind.Drop, 0, null, null, 0, null),
        _ => new Fault(FaultKind.DropMidBody, 0, null, null, 0, null),
        ms => new Fault(FaultKind.Slow, 0, null, null, ms, null),
        _ => new Fault(FaultKind.BadJson, 0, null, null, 0, null),
    ];

    private readonly Random random = new(seed);

    public static Chaos? Parse(JsonNode? node)
    {
        if (node is not JsonObject)
        {
            throw new FormatException("Chaos is an object with \"match\", \"share\" and \"seed\".");
        }

        var share = double.TryParse(Fault.Scalar(node["share"]), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0.1;
        var seed = int.TryParse(Fault.Scalar(node["seed"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var slowMs = int.TryParse(Fault.Scalar(node["slowMs"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 1500;
        return share <= 0 ? null : new Chaos(Fault.Scalar(node["match"]) ?? "", share, seed, slowMs);
    }

    /// <summary>Called under the script's lock.</summary>
    public Fault? Next(string path) =>
        !path.Contains(match, StringComparison.Ordinal) || random.NextDouble() >= share ? null : Kinds[random.Next(Kinds.Length)](slowMs);
}

/// <summary>A body that inflates a thousandfold: gzip members of zeros, one after another (a gzip stream may hold
/// several, and decoders read on through them), so a few MB on the wire become gigabytes.</summary>
internal static class GzipBomb
{
    private const int MemberMb = 64;
    private static readonly Lazy<byte[]> Member = new(() =>
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < MemberMb; i++)
            {
                gzip.Write(zeros);
            }
        }

        return packed.ToArray();
    });

    public static async Task WriteAsync(HttpResponse response, int sizeMb, CancellationToken cancel)
    {
        var member = Member.Value;
        var members = Math.Max(1, sizeMb / MemberMb);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = (long)member.Length * members;
        for (var i = 0; i < members; i++)
        {
            await response.Body.WriteAsync(member, cancel);
        }
    }
}
