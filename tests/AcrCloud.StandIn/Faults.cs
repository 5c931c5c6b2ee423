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
}

internal sealed record Fault(FaultKind Kind, int Status, string? RetryAfter, string? Body, int DelayMs, string? Location)
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
            location);
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

    /// <summary>Builds the real answer, then sends it broken: cut short as a 200, or half of it and the connection gone.</summary>
    private static async Task SpoilAsync(HttpContext context, RequestLog.Entry entry, Func<Task> respond, bool drop, CancellationToken cancel)
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

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
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
            return rule?.Faults.Dequeue();
        }
    }

    private sealed record Rule(string Match, string? Date, Queue<Fault> Faults);
}
