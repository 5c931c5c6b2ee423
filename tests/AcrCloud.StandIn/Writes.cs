using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AcrCloud.StandIn;

/// <summary>The write side: projects and streams are created, changed, paused, restarted and removed in the
/// catalogue, with Laravel's 422 validation answers.</summary>
internal sealed partial class Api
{
    private static readonly string[] ProjectTypes = ["BM-ACRC", "BM-LOCAL"];
    private static readonly string[] ExternalIdNames = ["spotify", "deezer", "isrc", "upc", "musicbrainz"];
    private static readonly string[] StreamSchemes = ["http", "https", "rtmp", "rtsp"];

    private void MapWrites(RouteGroupBuilder writes)
    {
        writes.MapPost("", (HttpRequest request) => WithBody(request, body => CreateProject(body)));
        writes.MapPut("/{pid}", (HttpRequest request, string pid) => WithBody(request, body => UpdateProject(pid, body)));
        writes.MapPatch("/{pid}", (HttpRequest request, string pid) => WithBody(request, body => UpdateProject(pid, body)));
        writes.MapDelete("/{pid}", (string pid) => Locked(() =>
        {
            if (catalogue.FindProject(pid) is not { } project)
            {
                return NotFound;
            }

            catalogue.RemoveProject(project);
            return NoContent;
        }));
        writes.MapPost("/{pid}/result-callback", (HttpRequest request, string pid) => WithBody(request, body => ResultCallback(pid, body)));
        writes.MapPost("/{pid}/state-notification", (HttpRequest request, string pid) => WithBody(request, body => StateNotification(pid, body)));
        writes.MapPost("/{pid}/streams", (HttpRequest request, string pid) => WithBody(request, body => AddStream(pid, body)));
        writes.MapPut("/{pid}/streams/{sid}", (HttpRequest request, string pid, string sid) => WithBody(request, body => UpdateStream(pid, sid, body)));
        writes.MapDelete("/{pid}/streams/{ids}", (string pid, string ids) => OnStreams(pid, ids, (project, stream) => project.Streams.Remove(stream)));
        writes.MapPut("/{pid}/streams/{ids}/pause", (string pid, string ids) => OnStreams(pid, ids, (_, stream) => stream.State = "Paused"));
        writes.MapPut("/{pid}/streams/{ids}/restart", (string pid, string ids) => OnStreams(pid, ids, (_, stream) => stream.State = "Running"));
    }

    private static Reply NoContent { get; } = new(StatusCodes.Status204NoContent, ReadOnlyMemory<byte>.Empty);

    private Reply Locked(Func<Reply> action)
    {
        lock (catalogue.Gate)
        {
            return action();
        }
    }

    /// <summary>Reads a JSON object body (415 and 422 as Laravel gives them otherwise) and runs the write under the lock.</summary>
    private async Task<Reply> WithBody(HttpRequest request, Func<JsonElement, Reply> write)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return UnsupportedMediaType;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return NotAnObject;
        }

        return body.ValueKind != JsonValueKind.Object ? NotAnObject : Locked(() => write(body));
    }

    private Reply CreateProject(JsonElement body)
    {
        var check = new BodyCheck(body);
        var name = check.RequiredText("name");
        var region = check.RequiredText("region");
        if (region is not null && !Catalogue.Regions.Contains(region))
        {
            check.Fail("region", "The selected region is invalid.");
        }

        var type = check.Text("type") ?? "BM-ACRC";
        if (!ProjectTypes.Contains(type))
        {
            check.Fail("type", "The selected type is invalid.");
        }

        var buckets = check.Integers("buckets");
        var externalIds = check.Texts("external_ids", ExternalIdNames);
        var template = check.Text("metadata_template");
        if (check.Rejection is { } rejection)
        {
            return rejection;
        }

        var project = catalogue.CreateProject(name!, region!, type);
        project.Buckets = buckets ?? [];
        project.ExternalIds = externalIds;
        project.MetadataTemplate = template;
        return Reply.Json(StatusCodes.Status201Created, w => WriteData(w, project.WriteTo));
    }

    private Reply UpdateProject(string pid, JsonElement body)
    {
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        // Fields the update does not take (such as type or region) are ignored, as Laravel ignores unvalidated input.
        var check = new BodyCheck(body);
        var name = check.Text("name");
        var buckets = check.Integers("buckets");
        var externalIds = check.Texts("external_ids", ExternalIdNames);
        var template = check.Text("metadata_template");
        if (check.Rejection is { } rejection)
        {
            return rejection;
        }

        project.Name = name ?? project.Name;
        project.Buckets = buckets ?? project.Buckets;
        project.ExternalIds = externalIds ?? project.ExternalIds;
        project.MetadataTemplate = template ?? project.MetadataTemplate;
        return Reply.Data(project.WriteTo);
    }

    private Reply ResultCallback(string pid, JsonElement body)
    {
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        var check = new BodyCheck(body);
        var url = check.RequiredText("result_callback_url");
        check.Url("result_callback_url", url, ["http", "https"]);
        if (check.Rejection is { } rejection)
        {
            return rejection;
        }

        project.ResultCallbackUrl = url;
        return Reply.Data(project.WriteTo);
    }

    private Reply StateNotification(string pid, JsonElement body)
    {
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        var check = new BodyCheck(body);
        var url = check.Text("state_notification_url");
        check.Url("state_notification_url", url, ["http", "https"]);
        var email = check.Text("state_notification_email");
        if (email is not null && !email.Contains('@'))
        {
            check.Fail("state_notification_email", "The state notification email must be a valid email address.");
        }

        var frequency = check.Integer("state_notification_email_frequency");
        if (frequency is not null and not (0 or 1 or 2))
        {
            check.Fail("state_notification_email_frequency", "The selected state notification email frequency is invalid.");
        }

        if (check.Rejection is { } rejection)
        {
            return rejection;
        }

        project.StateNotificationUrl = url ?? project.StateNotificationUrl;
        project.StateNotificationEmail = email ?? project.StateNotificationEmail;
        project.StateNotificationFrequency = frequency ?? project.StateNotificationFrequency ?? 0;
        return Reply.Data(project.WriteTo);
    }

    private Reply AddStream(string pid, JsonElement body)
    {
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        var check = new BodyCheck(body);
        var name = check.RequiredText("name");
        if (!body.TryGetProperty("stream_urls", out _))
        {
            check.Fail("stream_urls", "The stream urls field is required.");
        }

        var (urls, configId, userDefined) = CheckStream(check, project);
        if (!body.TryGetProperty("config_id", out _))
        {
            check.Fail("config_id", "The config id field is required.");
        }

        if (check.Rejection is { } rejection)
        {
            return rejection;
        }

        var stream = catalogue.CreateStream(project, name!);
        stream.Urls = urls!;
        stream.ConfigId = configId!.Value;
        stream.UserDefined = userDefined ?? [];
        return Reply.Json(StatusCodes.Status201Created, w => WriteData(w, stream.WriteTo));
    }

    private Reply UpdateStream(string pid, string sid, JsonElement body)
    {
        if (Find(pid, sid, out var stream) is { } missing)
        {
            return missing;
        }

        var check = new BodyCheck(body);
        var name = check.Text("name");
        var (urls, configId, userDefined) = CheckStream(check, stream!.Project);
        if (check.Rejection is { } rejection)
        {
            return rejection;
        }

        stream.Name = name ?? stream.Name;
        stream.Urls = urls ?? stream.Urls;
        stream.ConfigId = configId ?? stream.ConfigId;
        stream.UserDefined = userDefined ?? stream.UserDefined;
        return Reply.Data(stream.WriteTo);
    }

    /// <summary>The stream fields both add and update validate.</summary>
    private static (List<string>? Urls, int? ConfigId, Dictionary<string, string?>? UserDefined) CheckStream(BodyCheck check, Project project)
    {
        var urls = check.Texts("stream_urls", null);
        if (urls is { Count: 0 })
        {
            check.Fail("stream_urls", "The stream urls field is required.");
        }

        for (var i = 0; urls is not null && i < urls.Count; i++)
        {
            if (urls[i].Length > 255)
            {
                check.Fail($"stream_urls.{i}", $"The stream_urls.{i} may not be greater than 255 characters.");
            }
            else
            {
                check.Url($"stream_urls.{i}", urls[i], StreamSchemes);
            }
        }

        var configId = check.Integer("config_id");
        if (configId is not null && configId != project.ConfigId)
        {
            check.Fail("config_id", "The selected config id is invalid.");
        }

        var userDefined = check.Strings("user_defined");
        foreach (var key in userDefined?.Keys ?? Enumerable.Empty<string>())
        {
            if (project.TemplateFields is { } fields && !fields.Contains(key))
            {
                check.Fail($"user_defined.{key}", $"The user_defined.{key} field is not in the project's metadata template.");
            }
        }

        return (urls, configId, userDefined);
    }

    /// <summary>All the comma-separated streams exist and are changed, or none is and the answer is 404.</summary>
    private Reply OnStreams(string pid, string ids, Action<Project, MonitorStream> change) => Locked(() =>
    {
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        var streams = new List<MonitorStream>();
        foreach (var sid in ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Catalogue.FindStream(project, sid) is not { } stream)
            {
                return StreamNotFound;
            }

            streams.Add(stream);
        }

        streams.ForEach(s => change(project, s));
        return NoContent;
    });

    private static void WriteData(Utf8JsonWriter w, Action<Utf8JsonWriter> writeValue)
    {
        w.WriteStartObject();
        w.WritePropertyName("data");
        writeValue(w);
        w.WriteEndObject();
    }
}

/// <summary>Laravel-style validation of a JSON body: every failed rule by field, answered together as one 422.</summary>
internal sealed class BodyCheck(JsonElement body)
{
    private readonly List<(string Field, string Message)> errors = [];

    public Reply? Rejection => errors.Count == 0 ? null : Reply.Invalid(errors);

    public void Fail(string field, string message) => errors.Add((field, message));

    public string? Text(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"The {QueryParams.Label(name)} must be a string.");
            return null;
        }

        return value.GetString();
    }

    public string? RequiredText(string name)
    {
        var text = Text(name);
        if (string.IsNullOrWhiteSpace(text) && !errors.Any(e => e.Field == name))
        {
            Fail(name, $"The {QueryParams.Label(name)} field is required.");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public int? Integer(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Fail(name, $"The {QueryParams.Label(name)} must be an integer.");
        return null;
    }

    public List<int>? Integers(string name) => Array(name, (item, i) =>
        item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n) ? n : Fail<int>($"{name}.{i}", $"The {name}.{i} must be an integer."));

    public List<string>? Texts(string name, string[]? allowed) => Array(name, (item, i) =>
        item.ValueKind != JsonValueKind.String ? Fail<string>($"{name}.{i}", $"The {name}.{i} must be a string.")
        : allowed is not null && !allowed.Contains(item.GetString()) ? Fail<string>($"{name}.{i}", $"The selected {name}.{i} is invalid.")
        : item.GetString());

    public Dictionary<string, string?>? Strings(string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"The {QueryParams.Label(name)} must be an object.");
            return null;
        }

        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
    }

    public void Url(string field, string? url, string[] schemes)
    {
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && schemes.Contains(parsed.Scheme)))
        {
            Fail(field, $"The {field} must be a valid URL.");
        }
    }

    private List<T>? Array<T>(string name, Func<JsonElement, int, T?> read)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"The {QueryParams.Label(name)} must be an array.");
            return null;
        }

        var items = new List<T>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (read(item, i++) is { } good)
            {
                items.Add(good);
            }
        }

        return items;
    }

    private T? Fail<T>(string field, string message)
    {
        Fail(field, message);
        return default;
    }
}
