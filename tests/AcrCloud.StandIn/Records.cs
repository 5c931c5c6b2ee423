using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcrCloud.StandIn;

/// <summary>One detection of a day, with the few facts the result filters look at kept outside its JSON.</summary>
internal abstract class DayRecord
{
    public abstract DateTime Time { get; }

    public abstract int PlayedDuration { get; }

    /// <summary>Hidden unless asked for; the JSON itself does not say so, just as the real API does not.</summary>
    public abstract bool FalsePositive { get; }

    public abstract IEnumerable<string> Isrcs { get; }

    public abstract void WriteTo(Utf8JsonWriter w);

    public static ReadOnlyMemory<byte> Serialize(IEnumerable<DayRecord> records, int expectedCount)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, expectedCount * 1024));
        using (var w = new Utf8JsonWriter(buffer, Reply.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var record in records)
            {
                record.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        // An exact copy, so a cached day holds no spare buffer capacity.
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Builds each stream's days from a seed of stream id and date, so the same request always gets the same bytes.</summary>
internal sealed class RecordGenerator(int benchRecordsPerDay, int bigRecordsPerDay)
{
    private static readonly DateOnly FixtureDay = new(2024, 3, 1);
    private static readonly MusicTrack[] Music = MusicTrack.BuildPool();
    private static readonly DayRecord[] FixtureRecords = FixtureRecord.Load();

    public IReadOnlyList<DayRecord> Day(MonitorStream stream, DateOnly day) =>
        Day(stream.StreamId, stream.Feed, CustomFile.ForBucket(stream.Project.BucketId), day);

    /// <summary>A broadcast-database channel's day: public radio, so music only (custom files come from a
    /// project's own buckets).</summary>
    public IReadOnlyList<DayRecord> ChannelDay(int channelId, DateOnly day) =>
        Day("c" + channelId.ToString(CultureInfo.InvariantCulture), Feed.Regular, [], day);

    /// <summary>Music that was detected but not recognised: a few stretches a day, the first just after midnight
    /// and the last just before the next, so a local range has some to trim at both edges.</summary>
    public static IReadOnlyList<DayRecord> UnknownDay(string seed, Feed feed, DateOnly day)
    {
        if (feed == Feed.Silent || (feed == Feed.SilentOnThe13th && day.Day == 13))
        {
            return [];
        }

        var random = new Random(Stable.Seed($"unknown|{seed}|{day:yyyyMMdd}"));
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var count = 6 + random.Next(5);
        var records = new DayRecord[count];
        for (var i = 0; i < count; i++)
        {
            var second = i == 0 ? random.Next(60, 3000)
                : i == count - 1 ? 86400 - random.Next(600, 3000)
                : (int)((i + random.NextDouble()) * (86400.0 / count));
            records[i] = new GeneratedRecord(midnight.AddSeconds(second), random.Next(8, 241), false, null, default);
        }

        return records;
    }

    private DayRecord[] Day(string seed, Feed feed, CustomFile[] jingles, DateOnly day)
    {
        if (feed == Feed.Fixture)
        {
            return day == FixtureDay ? FixtureRecords : [];
        }

        var random = new Random(Stable.Seed($"{seed}|{day:yyyyMMdd}"));
        var genuine = feed switch
        {
            Feed.Silent => 0,
            Feed.SilentOnThe13th when day.Day == 13 => 0,
            Feed.Bench => benchRecordsPerDay,
            Feed.BenchBig => bigRecordsPerDay,
            _ => 35 + random.Next(11),
        };

        // False positives come on top of the genuine records, so a day answered with the default filters
        // holds exactly the configured number and a benchmark knows what to expect.
        var falsePositive = new List<bool>(genuine + (genuine / 10) + 1);
        for (var kept = 0; kept < genuine;)
        {
            var isFalse = random.Next(12) == 0;
            falsePositive.Add(isFalse);
            kept += isFalse ? 0 : 1;
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var slot = 86400.0 / Math.Max(1, falsePositive.Count);
        var records = new DayRecord[falsePositive.Count];
        for (var i = 0; i < records.Length; i++)
        {
            // One record per equal slice of the day keeps them sorted without a sort.
            var time = midnight.AddSeconds((int)((i + random.NextDouble()) * slot));
            var isJingle = random.Next(8) == 0 && jingles.Length > 0;
            Track track = isJingle ? jingles[random.Next(jingles.Length)] : Music[random.Next(Music.Length)];
            var played = isJingle ? random.Next(5, 31) : random.Next(5, 401);
            var sampleBegin = random.Next(0, 5000);
            var hit = new Hit(
                Score: random.Next(70, 101),
                ResultFrom: random.Next(2) == 0 ? 1 : 3,
                PlayOffsetMs: random.Next(track.DurationMs),
                SampleBeginMs: sampleBegin,
                SampleEndMs: sampleBegin + random.Next(8000, 12001));
            records[i] = new GeneratedRecord(time, played, falsePositive[i], track, hit);
        }

        return records;
    }
}

internal static class Stable
{
    public static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    public static int Seed(string text) => BinaryPrimitives.ReadInt32LittleEndian(Hash(text));

    public static string Hex(string text, int length) => Convert.ToHexStringLower(Hash(text))[..length];
}

internal readonly record struct Hit(int Score, int ResultFrom, int PlayOffsetMs, int SampleBeginMs, int SampleEndMs)
{
    public void WriteTiming(Utf8JsonWriter w, int durationMs)
    {
        var sampleLength = SampleEndMs - SampleBeginMs;
        w.WriteNumber("duration_ms", durationMs);
        w.WriteNumber("play_offset_ms", PlayOffsetMs);
        w.WriteNumber("sample_begin_time_offset_ms", SampleBeginMs);
        w.WriteNumber("sample_end_time_offset_ms", SampleEndMs);
        w.WriteNumber("db_begin_time_offset_ms", Math.Max(0, PlayOffsetMs - sampleLength));
        w.WriteNumber("db_end_time_offset_ms", PlayOffsetMs);
    }
}

internal abstract class Track(string title, string acrid, int durationMs, string[] isrcs)
{
    public string Title { get; } = title;
    public string Acrid { get; } = acrid;
    public int DurationMs { get; } = durationMs;
    public string[] Isrcs { get; } = isrcs;

    /// <summary>"music" or "custom_files": the metadata key the item is listed under.</summary>
    public abstract string ListName { get; }

    public abstract void WriteItem(Utf8JsonWriter w, Hit hit);
}

/// <summary>A detection; without a track it is an unknown result (music detected but in no database), whose
/// <c>metadata</c> has the time and the length but no <c>music</c> or <c>custom_files</c>, and whose status says
/// there was no match.</summary>
internal sealed class GeneratedRecord(DateTime time, int played, bool falsePositive, Track? track, Hit hit) : DayRecord
{
    public override DateTime Time => time;
    public override int PlayedDuration => played;
    public override bool FalsePositive => falsePositive;
    public override IEnumerable<string> Isrcs => track?.Isrcs ?? [];

    public override void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartObject("status");
        w.WriteString("msg", track is null ? "No result" : "Success");
        w.WriteNumber("code", track is null ? 1001 : 0);
        w.WriteString("version", "1.0");
        w.WriteEndObject();
        w.WriteNumber("result_type", 0);
        w.WriteStartObject("metadata");
        w.WriteString("type", "delay");
        w.WriteString("timestamp_utc", Catalogue.Stamp(time));
        w.WriteNumber("played_duration", played);
        w.WriteString("record_timestamp", time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        if (track is not null)
        {
            w.WriteStartArray(track.ListName);
            track.WriteItem(w, hit);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}

/// <summary>A station's own jingles and spots from its bucket: flat strings and stray capitalised keys, as ACRCloud sends them.</summary>
internal sealed class CustomFile(string title, string acrid, int durationMs, string isrc, int bucketId, bool capitalisedTitle)
    : Track(title, acrid, durationMs, [isrc])
{
    private static readonly string[] Titles =
        ["Station ID Morning", "Traffic Jingle", "Wetter — Intro", "News Bed", "Promo Wochenende", "Sponsor Spot Café Müller"];

    public override string ListName => "custom_files";

    public static CustomFile[] ForBucket(int bucketId) =>
        Titles.Select((title, i) => new CustomFile(
            title,
            Stable.Hex($"{bucketId}|{title}", 32),
            (6 + (i * 4)) * 1000,
            $"{(i % 3 == 2 ? "DE" : "CH")}Z0012{bucketId % 100:00}{i + 1:000}",
            bucketId,
            i % 2 == 0)).ToArray();

    public override void WriteItem(Utf8JsonWriter w, Hit hit)
    {
        w.WriteStartObject();
        w.WriteString("title", Title);
        w.WriteString("acrid", Acrid);
        w.WriteString("bucket_id", bucketId.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("count", 1);
        w.WriteNumber("score", hit.Score);
        hit.WriteTiming(w, DurationMs);
        w.WriteString("artists", "In-house");
        w.WriteString("isrc", Isrcs[0]);
        if (capitalisedTitle)
        {
            w.WriteString("Title", Title);
        }

        w.WriteEndObject();
    }
}

/// <summary>Commercial music, with the loose shapes real data has: ids as strings, arrays or absent, years without a date.</summary>
internal sealed class MusicTrack : Track
{
    private static readonly (string Title, string Language, string Country)[] Songs =
    [
        ("Zürich bei Nacht", "de", "CH"), ("Ça plane pour moi", "fr", "FR"), ("Ωμέγα", "el", "DE"),
        ("東京の夜", "ja", "JP"), ("Mañana", "es", "US"), ("Sunny ☀️", "en", "GB"),
        ("Gletscherlicht", "de", "CH"), ("Rue des Étoiles", "fr", "FR"), ("Highway Lines", "en", "US"),
        ("Paper Lanterns", "en", "GB"), ("Kirschblüte", "de", "DE"), ("Sakura Drive", "ja", "JP"),
        ("Über den Wolken am Morgen", "de", "DE"), ("Neon Harbour", "en", "GB"), ("Cielo de Invierno", "es", "US"),
        ("Midnight Tram", "en", "CH"), ("L'été indien à Genève", "fr", "CH"), ("Golden Hour", "en", "US"),
        ("Blue Monday Morning", "en", "GB"), ("夏の終わり", "ja", "JP"), ("Kaffee & Zigaretten", "de", "DE"),
        ("São Paulo Rain", "pt", "US"), ("Les Nuits Blanches", "fr", "FR"), ("Aare Flow", "de", "CH"),
    ];

    private static readonly string[] Countries = ["CH", "DE", "FR", "US", "GB", "JP"];

    private static readonly string[] People =
    [
        "Mira Keller", "Les Voyageurs", "Eleni Karamanlis", "Aoi Sato", "Lucía Ortega", "The Daylights", "Jonas Ritter",
        "Chloé Fournier", "Björn Åkesson", "Kenji Mori", "Nora Blum", "Marco Bellini", "The Aare Collective",
        "Dana Whitfield", "Zoë Hart", "Łukasz Nowak",
    ];

    private static readonly string[] Labels =
    [
        "Gurten Records", "Lac Léman Music", "Eleven Seventeen Music", "Nordlicht Tonträger", "Shibuya Sound",
        "Harbour Lights Ltd", "Sol y Sombra", "Blue Tram Records",
    ];

    private static readonly string[] Albums = ["Nachtschicht", "Horizons", "Ciudad", "光と影", "Transit", "Weites Land", "Coastlines"];
    private static readonly string[] Genres = ["Pop", "Rock", "Electronic", "Jazz", "Classical", "Hip Hop", "Folk", "Schlager"];

    private readonly int index;
    private readonly string[] artists;
    private readonly string album;
    private readonly string label;
    private readonly string releaseDate;
    private readonly string language;

    private MusicTrack(int index, string title, string language, string[] artists, string releaseDate, int durationMs, string[] isrcs)
        : base(title, Stable.Hex($"{title}|{string.Join('/', artists)}", 32), durationMs, isrcs)
    {
        this.index = index;
        this.artists = artists;
        this.language = language;
        this.releaseDate = releaseDate;
        album = index % 4 == 0 ? title : Albums[index % Albums.Length];
        label = Labels[index % Labels.Length];
    }

    public override string ListName => "music";

    /// <summary>Two recordings per song (a second artist or a later release), so the pool is larger than the title list.</summary>
    public static MusicTrack[] BuildPool()
    {
        var random = new Random(20240301);
        var tracks = new MusicTrack[Songs.Length * 2];
        for (var i = 0; i < tracks.Length; i++)
        {
            var (title, language, country) = Songs[i % Songs.Length];
            var lead = People[(i * 5) % People.Length];
            string[] artists = i % 3 == 0 ? [lead, People[((i * 5) + 7) % People.Length]] : [lead];
            var year = 1995 + random.Next(30);
            var releaseDate = i % 5 == 2
                ? year.ToString(CultureInfo.InvariantCulture)
                : new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var isrc = $"{country}{Stable.Hex(title, 3).ToUpperInvariant()}{year % 100:00}{((i * 7919) + 123) % 100000:00000}";

            // Some recordings were registered twice, in another country: the filter has to look at every ISRC.
            string[] isrcs = i % 5 == 1
                ? [isrc, $"{Countries[(Array.IndexOf(Countries, country) + 1) % Countries.Length]}{isrc[2..]}"]
                : i % 5 == 2 ? [] : [isrc];
            tracks[i] = new MusicTrack(i, title, language, artists, releaseDate, 150_000 + random.Next(180_000), isrcs);
        }

        return tracks;
    }

    public override void WriteItem(Utf8JsonWriter w, Hit hit)
    {
        w.WriteStartObject();
        w.WriteString("title", Title);
        w.WriteString("acrid", Acrid);
        w.WriteNumber("score", hit.Score);
        w.WriteNumber("result_from", hit.ResultFrom);
        hit.WriteTiming(w, DurationMs);
        w.WriteStartObject("album");
        w.WriteString("name", album);
        w.WriteEndObject();
        w.WriteStartArray("artists");
        foreach (var artist in artists)
        {
            w.WriteStartObject();
            w.WriteString("name", artist);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("label", label);
        w.WriteString("release_date", releaseDate);
        if (index % 6 != 5)
        {
            w.WriteStartArray("genres");
            w.WriteStartObject();
            w.WriteString("name", Genres[index % Genres.Length]);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteString("language", language);
        if (index % 4 != 3)
        {
            w.WriteStartObject("contributors");
            WriteStrings(w, "composers", [artists[0], People[((index * 3) + 1) % People.Length]]);
            WriteStrings(w, "lyricists", [artists[0]]);
            w.WriteEndObject();
        }

        WriteExternalIds(w);
        WriteExternalMetadata(w);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private void WriteExternalIds(Utf8JsonWriter w)
    {
        var upc = $"06025{((index * 104729) + 17) % 100000000:00000000}";
        var iswc = $"T-{((index * 7907) + 100) % 1000:000}.{(index * 31) % 1000:000}.{(index * 17) % 1000:000}-{index % 10}";
        w.WriteStartObject("external_ids");
        switch (index % 5)
        {
            case 0:
                w.WriteString("isrc", Isrcs[0]);
                w.WriteString("upc", upc);
                break;
            case 1:
                WriteStrings(w, "isrc", Isrcs);
                WriteStrings(w, "upc", [upc]);
                WriteStrings(w, "iswc", [iswc]);
                break;
            case 2:
                break;
            case 3:
                w.WriteString("isrc", Isrcs[0]);
                break;
            default:
                WriteStrings(w, "isrc", Isrcs);
                w.WriteString("upc", upc);
                w.WriteString("iswc", iswc);
                break;
        }

        w.WriteEndObject();
    }

    private void WriteExternalMetadata(Utf8JsonWriter w)
    {
        w.WriteStartObject("external_metadata");
        if (index % 3 != 0)
        {
            w.WriteStartArray("spotify");
            WriteServiceEntry(w, Acrid[..22]);
            w.WriteEndArray();
            w.WriteStartArray("deezer");
            WriteServiceEntry(w, ((index * 7_654_321) + 1_000_000).ToString(CultureInfo.InvariantCulture));
            w.WriteEndArray();
        }

        if (index % 3 == 2)
        {
            w.WriteStartArray("youtube");
            w.WriteStartObject();
            w.WriteString("vid", Acrid[5..16]);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private void WriteServiceEntry(Utf8JsonWriter w, string id)
    {
        w.WriteStartObject();
        w.WriteStartObject("album");
        w.WriteString("name", album);
        w.WriteString("id", id + "a");
        w.WriteEndObject();
        w.WriteStartObject("track");
        w.WriteString("name", Title);
        w.WriteString("id", id);
        w.WriteEndObject();
        w.WriteStartArray("artists");
        w.WriteStartObject();
        w.WriteString("name", artists[0]);
        w.WriteString("id", id + "r");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

/// <summary>A record of the shared fixture, written back exactly as it was read.</summary>
internal sealed class FixtureRecord : DayRecord
{
    private static readonly string[] ItemLists = ["music", "custom_files"];
    private readonly JsonObject record;

    private FixtureRecord(JsonObject record)
    {
        this.record = record;
        var metadata = record["metadata"]!;
        Time = DateTime.ParseExact(
            (string)metadata["timestamp_utc"]!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        PlayedDuration = (int)metadata["played_duration"]!;
        Isrcs = ItemLists
            .SelectMany(list => metadata[list] as JsonArray ?? [])
            .Select(item => item?["external_ids"]?["isrc"] ?? item?["isrc"])
            .SelectMany(isrc => isrc is JsonArray many ? many.ToArray() : new[] { isrc })
            .Where(isrc => isrc?.GetValueKind() == JsonValueKind.String)
            .Select(isrc => (string)isrc!)
            .ToArray();
    }

    public override DateTime Time { get; }

    public override int PlayedDuration { get; }

    public override bool FalsePositive => false;

    public override IEnumerable<string> Isrcs { get; }

    public static DayRecord[] Load()
    {
        using var stream = typeof(FixtureRecord).Assembly.GetManifestResourceStream("fixture-records.json")
            ?? throw new InvalidOperationException("The fixture records are not embedded.");
        return JsonNode.Parse(stream)!["data"]!.AsArray().Select(r => (DayRecord)new FixtureRecord(r!.AsObject())).ToArray();
    }

    public override void WriteTo(Utf8JsonWriter w) => record.WriteTo(w);
}
