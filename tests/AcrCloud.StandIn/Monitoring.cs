using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AcrCloud.StandIn;

/// <summary>What the monitoring produces besides results: stream and channel state (up-time), unknown results,
/// recordings, and the broadcast-database projects with their channels and channel results. Everything is derived from the ids and times asked for, so every
/// run answers the same.</summary>
internal sealed class Monitoring(Catalogue catalogue, ResultDays results)
{
    /// <summary>The stand-in's audio: this many bytes for each second asked for (a 16 kbit/s MP3 would be 2,000).</summary>
    public const int BytesPerSecond = 1000;

    /// <summary>The longest span one recording request may ask for; longer ones are refused, as production tools expect.</summary>
    public const int MaxRecordingSeconds = 600;

    private static readonly Reply NotFound = Reply.Message(StatusCodes.Status404NotFound, "Not Found");
    private static readonly Reply StreamNotFound = Reply.Message(StatusCodes.Status404NotFound, "Stream not found.");
    private static readonly Reply ChannelNotFound = Reply.Message(StatusCodes.Status404NotFound, "Channel not found.");
    private static readonly Reply NoRecording = Reply.Message(StatusCodes.Status404NotFound, "The recording is not available.");

    private readonly List<BdProject> bdProjects = BdProject.Build();

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bm-cs-projects/{pid}/streams/{sid}/state", (HttpContext context, string pid, string sid) =>
            FindStream(pid, sid, out var stream) ?? State(context.Request, stream!.StreamId, stream.Feed == Feed.Silent));
        app.MapGet("/api/bm-cs-projects/{pid}/streams/{sid}/unknown_results", (HttpContext context, string pid, string sid) =>
            FindStream(pid, sid, out var stream) ?? ResultDays.Unknown(context.Request, day => RecordGenerator.UnknownDay(stream!.StreamId, stream.Feed, day)));
        app.MapGet("/api/bm-cs-projects/{pid}/streams/{sid}/recordings", (HttpContext context, string pid, string sid) =>
            FindStream(pid, sid, out var stream) ?? Recording(context.Request, stream!.StreamId, keepsRecordings: stream.Feed != Feed.Silent));

        var bd = app.MapGroup("/api/bm-bd-projects");
        bd.MapGet("", (HttpContext context) => Paged(context.Request, bdProjects, (w, p) => p.WriteTo(w)));
        bd.MapGet("/{pid}", (string pid) => FindBd(pid) is { } project ? Reply.Data(project.WriteTo) : NotFound);
        bd.MapGet("/{pid}/channels", Channels);
        bd.MapGet("/{pid}/channels/{cid}/results", (HttpContext context, string pid, string cid) =>
            FindChannel(pid, cid, out var channel) ?? results.Answer(context.Request, "c" + channel!.Id.ToString(CultureInfo.InvariantCulture), day => results.Generator.ChannelDay(channel.Id, day)));
        bd.MapGet("/{pid}/channels/{cid}/state", (HttpContext context, string pid, string cid) =>
            FindChannel(pid, cid, out var channel) ?? State(context.Request, "c" + channel!.Id.ToString(CultureInfo.InvariantCulture), silent: false));
    }

    private Reply? FindStream(string pid, string sid, out MonitorStream? stream)
    {
        stream = null;
        if (catalogue.FindProject(pid) is not { } project)
        {
            return NotFound;
        }

        stream = Catalogue.FindStream(project, sid);
        return stream is null ? StreamNotFound : null;
    }

    private BdProject? FindBd(string pid) => bdProjects.FirstOrDefault(p => p.Id.ToString(CultureInfo.InvariantCulture) == pid);

    private Reply? FindChannel(string pid, string cid, out BdChannel? channel)
    {
        channel = null;
        if (FindBd(pid) is not { } project)
        {
            return NotFound;
        }

        channel = project.Channels.FirstOrDefault(c => c.Id.ToString(CultureInfo.InvariantCulture) == cid);
        return channel is null ? ChannelNotFound : null;
    }

    private static Reply Paged<T>(HttpRequest request, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        var query = new QueryParams(request);
        var perPage = query.Integer("per_page", 10, 1, 100);
        return query.Rejection ?? Reply.Page(request, items, query.Page, perPage, write);
    }

    private Reply Channels(HttpContext context, string pid)
    {
        if (FindBd(pid) is not { } project)
        {
            return NotFound;
        }

        var query = new QueryParams(context.Request);
        var state = query.Text("state");
        var searchType = query.Text("search_type");
        var searchValue = query.Text("search_value");
        if (searchType is not null)
        {
            query.OneOf("search_type", "channel_id", "channel_id", "channel_name", "city", "custom_id", "mytuner_id");
        }

        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        var found = project.Channels
            .Where(c => state is null || state.Equals("All", StringComparison.OrdinalIgnoreCase) || c.State.Equals(state, StringComparison.OrdinalIgnoreCase))
            .Where(c => searchValue is null || c.Matches(searchType ?? "channel_name", searchValue))
            .ToList();
        return Paged(context.Request, found, (w, c) => c.WriteTo(w));
    }

    /// <summary>The state list of [start_date, end_date] as local days in the fixed offset asked for (minutes, sign
    /// inverted: UTC+1 is -60), with every time written in that offset, as the API does.</summary>
    private static Reply State(HttpRequest request, string seed, bool silent)
    {
        var query = new QueryParams(request);
        var start = Day(query, "start_date");
        var end = Day(query, "end_date");
        var timeOffset = query.Integer("timeoffset", 0, -840, 720);
        if (start is not null && end is not null && end < start)
        {
            query.Fail("end_date", "The end date must be a date after or equal to start date.");
        }

        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        var offset = TimeSpan.FromMinutes(-timeOffset);
        var fromUtc = start!.Value.ToDateTime(TimeOnly.MinValue) - offset;
        var toUtc = end!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue) - offset;
        var intervals = StateTimeline.Between(seed, silent, fromUtc, toUtc);
        return Reply.Data(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total_time", intervals.Sum(i => i.Seconds));
            w.WriteNumber("valid_time", intervals.Where(i => i.Code == 0).Sum(i => i.Seconds));
            w.WriteNumber("timeoffset", timeOffset);
            w.WriteStartArray("state_list");
            foreach (var interval in intervals)
            {
                w.WriteStartObject();
                w.WriteNumber("code", interval.Code);
                w.WriteString("start", Catalogue.Stamp(interval.StartUtc + offset));
                w.WriteString("end", Catalogue.Stamp(interval.EndUtc + offset));
                w.WriteNumber("duration", interval.Seconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static DateOnly? Day(QueryParams query, string name)
    {
        var text = query.Text(name);
        if (text is null)
        {
            query.Fail(name, $"The {QueryParams.Label(name)} field is required.");
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            query.Fail(name, $"The {QueryParams.Label(name)} does not match the format Ymd.");
            return null;
        }

        return day;
    }

    /// <summary>Audio of [timestamp_utc − record_before, timestamp_utc + played_duration + record_after): bytes that
    /// depend only on the stream and the second they belong to, so consecutive pieces join into the whole.</summary>
    private static Reply Recording(HttpRequest request, string streamId, bool keepsRecordings)
    {
        var query = new QueryParams(request);
        var stamp = query.Text("timestamp_utc");
        var duration = query.Integer("played_duration", 0, 1, MaxRecordingSeconds);
        var before = query.Integer("record_before", 0, 0, MaxRecordingSeconds);
        var after = query.Integer("record_after", 0, 0, MaxRecordingSeconds);
        DateTime startUtc = default;
        if (stamp is null)
        {
            query.Fail("timestamp_utc", "The timestamp utc field is required.");
        }
        else if (!DateTime.TryParseExact(stamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out startUtc))
        {
            query.Fail("timestamp_utc", "The timestamp utc does not match the format YmdHis.");
        }

        if (query.Text("played_duration") is null)
        {
            query.Fail("played_duration", "The played duration field is required.");
        }

        if (query.Rejection is { } rejection)
        {
            return rejection;
        }

        if (!keepsRecordings || startUtc > DateTime.UtcNow)
        {
            return NoRecording;
        }

        var first = startUtc.AddSeconds(-before);
        var seconds = before + duration + after;
        return new Reply(StatusCodes.Status200OK, Audio(streamId, first, seconds), "audio/mpeg");
    }

    public static byte[] Audio(string streamId, DateTime firstUtc, int seconds)
    {
        var bytes = new byte[seconds * BytesPerSecond];
        var seed = streamId.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
        var epoch = (long)(firstUtc - DateTime.UnixEpoch).TotalSeconds;
        for (var s = 0; s < seconds; s++)
        {
            var second = epoch + s;
            var at = s * BytesPerSecond;
            // Every second starts like an MPEG audio frame, so players and sniffers take the file for MP3.
            bytes[at] = 0xFF;
            bytes[at + 1] = 0xFB;
            for (var i = 2; i < BytesPerSecond; i++)
            {
                bytes[at + i] = unchecked((byte)((second * 131) + (i * 7) + seed));
            }
        }

        return bytes;
    }
}

/// <summary>A stream's up-time: mostly running (code 0), with a few failures (code 12) and timeouts (code 3) a day,
/// at times that depend only on the seed and the day. A silent stream is in code 12 throughout.</summary>
internal static class StateTimeline
{
    public readonly record struct Interval(int Code, DateTime StartUtc, DateTime EndUtc)
    {
        public int Seconds => (int)(EndUtc - StartUtc).TotalSeconds;
    }

    public static List<Interval> Between(string seed, bool silent, DateTime fromUtc, DateTime toUtc)
    {
        var all = new List<Interval>();
        var hash = seed.Aggregate(7, (h, c) => unchecked((h * 31) + c)) & 0x7FFF;
        for (var day = fromUtc.Date; day < toUtc; day = day.AddDays(1))
        {
            if (silent)
            {
                Add(all, new Interval(12, day, day.AddDays(1)));
                continue;
            }

            // 01:10–01:30 UTC a failure every day (inside the repeated hour of the end of summer time in Europe), a
            // timeout whose time moves with the day, and another failure in the evening.
            var moving = day.AddMinutes(300 + ((day.DayOfYear * 37) + hash) % 600);
            var outages = new[]
            {
                new Interval(12, day.AddMinutes(70), day.AddMinutes(90)),
                new Interval(3, moving, moving.AddMinutes(7)),
                new Interval(12, day.AddHours(20), day.AddHours(20).AddSeconds(390)),
            };
            var at = day;
            foreach (var outage in outages)
            {
                Add(all, new Interval(0, at, outage.StartUtc));
                Add(all, outage);
                at = outage.EndUtc;
            }

            Add(all, new Interval(0, at, day.AddDays(1)));
        }

        // Clipped to the asked range; consecutive intervals of one code are one, as the real list has them.
        return all
            .Select(i => new Interval(i.Code, i.StartUtc < fromUtc ? fromUtc : i.StartUtc, i.EndUtc > toUtc ? toUtc : i.EndUtc))
            .Where(i => i.EndUtc > i.StartUtc)
            .ToList();
    }

    private static void Add(List<Interval> list, Interval next)
    {
        if (next.EndUtc <= next.StartUtc)
        {
            return;
        }

        if (list.Count > 0 && list[^1].Code == next.Code && list[^1].EndUtc == next.StartUtc)
        {
            list[^1] = list[^1] with { EndUtc = next.EndUtc };
            return;
        }

        list.Add(next);
    }
}

/// <summary>A broadcast-database project: public channels ACRCloud already monitors.</summary>
internal sealed class BdProject(int id, string name, string region)
{
    public int Id { get; } = id;
    public List<BdChannel> Channels { get; } = [];

    public static List<BdProject> Build()
    {
        string[] cities = ["Zürich", "Bern", "Basel", "Genève", "Lugano"];
        var swiss = new BdProject(5001, "Swiss Radio Monitor", "eu-west-1");
        for (var i = 1; i <= 25; i++)
        {
            swiss.Channels.Add(new BdChannel(201000 + i, $"Radio Helvetia {i:00}", cities[i % cities.Length], "CH", i % 9 == 0 ? "Timeout" : "Running", $"rh-{i:00}"));
        }

        var small = new BdProject(5002, "Border Stations", "eu-west-1");
        small.Channels.Add(new BdChannel(301001, "Radio Grenzland", "Konstanz", "DE", "Running", "gl-1"));
        small.Channels.Add(new BdChannel(301002, "Radio Lac", "Évian", "FR", "Running", "lac-1"));
        return [swiss, small];
    }

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("name", name);
        w.WriteString("region", region);
        w.WriteString("type", "BM-BD");
        w.WriteNumber("channel_count", Channels.Count);
        w.WriteString("created_at", "2024-02-19 08:30:00");
        w.WriteEndObject();
    }
}

internal sealed class BdChannel(int id, string name, string city, string country, string state, string customId)
{
    public int Id { get; } = id;
    public string State { get; } = state;

    public bool Matches(string searchType, string value) => searchType switch
    {
        "channel_id" => Id.ToString(CultureInfo.InvariantCulture) == value,
        "city" => city.Contains(value, StringComparison.OrdinalIgnoreCase),
        "custom_id" => customId == value,
        "mytuner_id" => (Id + 400000).ToString(CultureInfo.InvariantCulture) == value,
        _ => name.Contains(value, StringComparison.OrdinalIgnoreCase),
    };

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", Id);
        w.WriteString("type", "Radio");
        w.WriteString("name", name);
        w.WriteString("sub_title", name + " — live");
        w.WriteString("city", city);
        w.WriteString("country", country);
        w.WriteNumber("mytuner", Id + 400000);
        w.WriteNumber("status_code", State == "Running" ? 0 : 3);
        w.WriteString("state", State);
        w.WriteNumber("timemap", 1);
        w.WriteStartObject("user_defined");
        w.WriteString("custom_id", customId);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
