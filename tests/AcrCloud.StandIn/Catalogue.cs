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
    public string Name { get; } = name;
    public string Region { get; } = region;
    public int BucketId { get; } = bucketId;
    public DateTime Created { get; } = created;
    public List<MonitorStream> Streams { get; } = [];

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("name", Name);
        w.WriteString("region", Region);
        w.WriteString("type", type);
        w.WriteStartArray("buckets");
        w.WriteStartObject();
        w.WriteNumber("id", BucketId);
        w.WriteString("name", bucketName);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("external_ids");
        w.WriteEndObject();
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
    public string Name { get; } = name;
    public Project Project { get; } = project;
    public string State { get; } = state;
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
        w.WriteStringValue($"https://streams.example.net/{StreamId}/live.mp3");
        w.WriteEndArray();
        w.WriteNumber("config_id", 7000 + Project.Id % 1000);
        w.WriteStartObject("user_defined");
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
    private static readonly string[] Regions = ["eu-west-1", "us-west-2", "ap-southeast-1"];
    private readonly List<Project> projects = [];
    private int nextStreamId = 240001;

    public Catalogue()
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
