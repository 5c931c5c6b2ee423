using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AcrCloud.StandIn;

/// <summary>A fully built response: the body exists before anything is sent, so faults can cut it and Content-Length is always right.</summary>
internal sealed class Reply(int status, ReadOnlyMemory<byte> body, string contentType = "application/json") : IResult
{
    /// <summary>Non-ASCII goes out as UTF-8 text rather than \u escapes, which is what clients meet in the wild.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ReadOnlyMemory<byte> Body => body;

    public string? RetryAfter { get; init; }

    public static Reply Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }

        return new Reply(status, buffer.WrittenMemory);
    }

    public static Reply Message(int status, string message) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    public static Reply Data(Action<Utf8JsonWriter> writeValue) => Json(StatusCodes.Status200OK, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("data");
        writeValue(w);
        w.WriteEndObject();
    });

    /// <summary>Laravel's validation answer: the first message (with a count of the others) and every message by field.</summary>
    public static Reply Invalid(IReadOnlyList<(string Field, string Message)> errors) => Json(StatusCodes.Status422UnprocessableEntity, w =>
    {
        var more = errors.Count - 1;
        w.WriteStartObject();
        w.WriteString("message", more == 0 ? errors[0].Message : $"{errors[0].Message} (and {more} more error{(more == 1 ? "" : "s")})");
        w.WriteStartObject("errors");
        foreach (var field in errors.GroupBy(e => e.Field))
        {
            w.WriteStartArray(field.Key);
            foreach (var error in field)
            {
                w.WriteStringValue(error.Message);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>A Laravel length-aware page; links are absolute and carry the caller's other parameters, as Laravel's appends() does.</summary>
    public static Reply Page<T>(HttpRequest request, IReadOnlyList<T> items, int page, int perPage, Action<Utf8JsonWriter, T> write)
    {
        var path = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}";
        var lastPage = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var skip = (long)(page - 1) * perPage;
        var shown = items.Skip((int)Math.Min(skip, items.Count)).Take(perPage).ToList();
        return Json(StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var item in shown)
            {
                write(w, item);
            }

            w.WriteEndArray();
            w.WriteStartObject("links");
            w.WriteString("first", PageLink(request, path, 1));
            w.WriteString("last", PageLink(request, path, lastPage));
            w.WriteString("prev", page > 1 ? PageLink(request, path, page - 1) : null);
            w.WriteString("next", page < lastPage ? PageLink(request, path, page + 1) : null);
            w.WriteEndObject();
            w.WriteStartObject("meta");
            w.WriteNumber("current_page", page);
            WriteNumberOrNull(w, "from", shown.Count > 0 ? skip + 1 : null);
            w.WriteNumber("last_page", lastPage);
            w.WriteString("path", path);
            w.WriteNumber("per_page", perPage);
            WriteNumberOrNull(w, "to", shown.Count > 0 ? skip + shown.Count : null);
            w.WriteNumber("total", items.Count);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (RetryAfter is not null)
        {
            response.Headers.RetryAfter = RetryAfter;
        }

        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static string PageLink(HttpRequest request, string path, int page)
    {
        static bool IsPage(string part) => Uri.UnescapeDataString(part.Split('=')[0]) == "page";

        var parts = (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var at = parts.FindIndex(IsPage);
        parts.RemoveAll(IsPage);
        parts.Insert(at < 0 ? parts.Count : at, $"page={page}");
        return $"{path}?{string.Join('&', parts)}";
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

/// <summary>Reads query parameters the way the Laravel API validates them: empty means absent, the last duplicate wins.</summary>
internal sealed class QueryParams(HttpRequest request)
{
    private readonly List<(string Field, string Message)> errors = [];

    /// <summary>Laravel's paginator quietly treats a page it cannot read as the first one.</summary>
    public int Page => int.TryParse(Text("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1;

    public Reply? Rejection => errors.Count == 0 ? null : Reply.Invalid(errors);

    public string? Text(string name)
    {
        var values = request.Query[name];
        var value = values.Count == 0 ? null : values[^1];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public int Integer(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Fail(name, $"The {Label(name)} field must be an integer.");
        }
        else if (value < min || value > max)
        {
            Fail(name, $"The {Label(name)} field must be between {min} and {max}.");
        }
        else
        {
            return value;
        }

        return fallback;
    }

    public string OneOf(string name, string fallback, params string[] allowed)
    {
        var text = Text(name) ?? fallback;
        if (allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        Fail(name, $"The selected {Label(name)} is invalid.");
        return fallback;
    }

    public void Fail(string name, string message) => errors.Add((name, message));

    public static string Label(string name) => name.Replace('_', ' ');
}
