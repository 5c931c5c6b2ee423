using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace AcrCloud.StandIn;

/// <summary>What a stream's days hold; the tests rely on each kind behaving the same on every run.</summary>
internal enum Feed
{
    Regular,
    SilentOnThe13th,
    Silent,
    Fixture,
    Bench,
    BenchBig,
}

internal sealed class Project(int id, string name, string region, string type, int bucketId, string bucketName, DateTime created)
{
    public int Id { get; } = id;
    public string Name { get; set; } = name;
    public string Region { get; } = region;
    public int BucketId { get; } = bucketId;
    public DateTime Created { get; } = created;
    public List<MonitorStream> Streams { get; } = [];

    /// <summary>The recording configuration every stream of the project uses: the only config_id it accepts.</summary>
    public int ConfigId => 7000 + Id % 1000;

    /// <summary>Bucket ids set by a write; null keeps the seeded bucket.</summary>
    public List<int>? Buckets { get; set; }
    public List<string>? ExternalIds { get; set; }
    public string? MetadataTemplate { get; set; }
    public string? ResultCallbackUrl { get; set; }
    public string? StateNotificationUrl { get; set; }
    public string? StateNotificationEmail { get; set; }
    public int? StateNotificationFrequency { get; set; }

    /// <summary>The field names of the metadata template (names separated by commas); null when it has none.</summary>
    public string[]? TemplateFields => string.IsNullOrWhiteSpace(MetadataTemplate) ? null
        : MetadataTemplate.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("name", Name);
        w.WriteString("region", Region);
        w.WriteString("type", type);
        w.WriteStartArray("buckets");
        foreach (var bucket in Buckets ?? [BucketId])
        {
            w.WriteStartObject();
            w.WriteNumber("id", bucket);
            w.WriteString("name", bucket == BucketId ? bucketName : $"Bucket {bucket}");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (ExternalIds is null)
        {
            w.WriteStartObject("external_ids");
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartArray("external_ids");
            ExternalIds.ForEach(w.WriteStringValue);
            w.WriteEndArray();
        }

        if (MetadataTemplate is not null)
        {
            w.WriteString("metadata_template", MetadataTemplate);
        }

        if (ResultCallbackUrl is not null)
        {
            w.WriteString("result_callback_url", ResultCallbackUrl);
        }

        if (StateNotificationFrequency is { } frequency)
        {
            w.WriteString("state_notification_url", StateNotificationUrl);
            w.WriteString("state_notification_email", StateNotificationEmail);
            w.WriteNumber("state_notification_email_frequency", frequency);
        }

        w.WriteString("created_at", Catalogue.Stamp(Created));
        w.WriteString("updated_at", Catalogue.Stamp(Created.AddDays(41).AddMinutes(17)));
        w.WriteNumber("monitor_count", Streams.Count);
        w.WriteEndObject();
    }
}

internal sealed class MonitorStream(int id, string streamId, string name, Project project, string state, Feed feed, DateTime created)
{
    public int Id { get; } = id;
    public string StreamId { get; } = streamId;
    public string Name { get; set; } = name;
    public Project Project { get; } = project;
    public string State { get; set; } = state;
    public List<string> Urls { get; set; } = [$"https://streams.example.net/{streamId}/live.mp3"];
    public int ConfigId { get; set; } = project.ConfigId;
    public Dictionary<string, string?> UserDefined { get; set; } = [];
    public Feed Feed { get; } = feed;
    public DateTime Created { get; } = created;

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("stream_id", StreamId);
        w.WriteString("name", Name);
        w.WriteNumber("mcp_id", Project.Id);
        w.WriteString("state", State);
        w.WriteStartArray("stream_urls");
        Urls.ForEach(w.WriteStringValue);
        w.WriteEndArray();
        w.WriteNumber("config_id", ConfigId);
        w.WriteStartObject("user_defined");
        foreach (var (key, value) in UserDefined)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteString("created_at", Catalogue.Stamp(Created));
        w.WriteString("updated_at", Catalogue.Stamp(Created.AddDays(3).AddHours(5)));
        w.WriteString("region", Project.Region);
        w.WriteEndObject();
    }
}

/// <summary>The fixed set of projects and streams; built from the index alone so every run serves the same ids.</summary>
internal sealed class Catalogue
{
    public static readonly string[] Regions = ["eu-west-1", "us-west-2", "ap-southeast-1"];
    private readonly List<Project> projects = [];
    private int nextStreamId = 240001;
    private int nextProjectId = 9001;

    public Catalogue() => Seed();

    /// <summary>Held by every request that reads or changes the catalogue, as requests run concurrently.</summary>
    public object Gate { get; } = new();

    /// <summary>Back to the seeded projects and streams, so each test starts from the same catalogue.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            projects.Clear();
            nextStreamId = 240001;
            nextProjectId = 9001;
            Seed();
        }
    }

    public Project CreateProject(string name, string region, string type) =>
        AddProject(nextProjectId++, name, region, $"{name} Files", type);

    public MonitorStream CreateStream(Project project, string name)
    {
        // Stream ids are "s-" and letters, as the API makes them.
        var number = nextStreamId;
        var letters = "";
        for (var n = number; n > 0; n /= 26)
        {
            letters = (char)('a' + n % 26) + letters;
        }

        AddStream(project, $"s-{letters}", name);
        return project.Streams[^1];
    }

    public void RemoveProject(Project project) => projects.Remove(project);

    private void Seed()
    {
        var aare = AddProject(1001, "Radio Aare", "eu-west-1", "Aare Jingles");
        AddStream(aare, "s-aare-pop", "Aare Pop", Feed.SilentOnThe13th);
        AddStream(aare, "s-aare-klassik", "Aare Klassik — Zürich");
        AddStream(aare, "s-aare-quiet", "Aare Nacht", Feed.Silent);
        AddStream(aare, "s-fixture", "Fixture Stream", Feed.Fixture);
        for (var i = 1; i <= 23; i++)
        {
            // A few streams that are not running, as on any real account, so state filters have something to find.
            var state = i % 7 == 5 ? "Paused" : i % 11 == 0 ? "Timeout" : "Running";
            AddStream(aare, $"s-aare-g{i:00}", $"Aare Regional {i:00}", Feed.Regular, state);
        }

        var onda = AddProject(1002, "Onda Sud", "eu-west-1", "Onda Jingles");
        AddStream(onda, "s-onda-1", "Onda Sud Uno");
        AddStream(onda, "s-onda-2", "Onda Sud Due");
        AddStream(onda, "s-onda-3", "Onda Sud Tre", Feed.Regular, "Paused");

        var pacific = AddProject(1003, "Pacific Wave", "us-west-2", "Pacific Spots", "BM-LOCAL");
        AddStream(pacific, "s-pacific-1", "Pacific Wave FM");

        var bench = AddProject(2001, "Bench", "ap-southeast-1", "Bench Jingles");
        for (var i = 1; i <= 10; i++)
        {
            AddStream(bench, $"s-bench-{i:00}", $"Bench {i:00}", Feed.Bench);
        }

        AddStream(bench, "s-bench-big", "Bench Big", Feed.BenchBig);

        for (var id = 3001; id <= 3019; id++)
        {
            var station = AddProject(id, $"Station {id}", Regions[id % 3], $"Station {id} Spots", id % 4 == 0 ? "BM-LOCAL" : "BM-ACRC");
            AddStream(station, $"s-{id}-1", $"Station {id} Main", Feed.Regular, id == 3007 ? "Timeout" : "Running");
        }
    }

    public IReadOnlyList<Project> Projects => projects;

    public static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public Project? FindProject(string pid) => projects.FirstOrDefault(p => p.Id.ToString(CultureInfo.InvariantCulture) == pid);

    public static MonitorStream? FindStream(Project project, string sid) =>
        project.Streams.FirstOrDefault(s => s.StreamId == sid);

    private Project AddProject(int id, string name, string region, string bucketName, string type = "BM-ACRC")
    {
        var created = new DateTime(2023, 5, 4, 10, 11, 12).AddHours(projects.Count * 219).AddMinutes(projects.Count * 7);
        var project = new Project(id, name, region, type, 8880 + projects.Count + 1, bucketName, created);
        projects.Add(project);
        return project;
    }

    private void AddStream(Project project, string streamId, string name, Feed feed = Feed.Regular, string state = "Running")
    {
        var created = project.Created.AddHours(26 * (project.Streams.Count + 1)).AddSeconds(13 * project.Streams.Count);
        project.Streams.Add(new MonitorStream(nextStreamId++, streamId, name, project, state, feed, created));
    }
}
