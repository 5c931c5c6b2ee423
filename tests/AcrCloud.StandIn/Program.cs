using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcrCloud.StandIn;

internal sealed record StandInOptions(string Token, int DelayMs, int BenchRecordsPerDay, int BigRecordsPerDay, bool UntilStopped = false, bool Help = false)
{
    public const string Usage = """
        AcrCloud.StandIn: a local stand-in for the ACRCloud console API v2 (broadcast monitoring), with made-up
        projects, streams, results, up-time and broadcast-database channels, for trying the module without an account.

        Usage: dotnet AcrCloud.StandIn.dll [--urls http://127.0.0.1:5080] [--token test-token] [--delay-ms 0]
                                           [--bench-records-per-day 475] [--big-records-per-day 47500]
                                           [--until-stopped] [--help]

          --urls        where to listen (default http://127.0.0.1:5080; port 0 picks a free one)
          --token       the bearer token it accepts (default test-token)
          --delay-ms    added to every API request, as a distant server would
          --until-stopped
                        run until Ctrl+C; without it the stand-in stops when its standard input closes, so that a
                        test that started it never leaves it behind
          --help        this text

        It prints ACRCLOUD_STANDIN_URL=<address> for every address and ACRCLOUD_STANDIN_TOKEN=<token>, then serves
        /api/... like the real API. Connect with:
          Connect-AcrCloud -BearerToken test-token -BaseUrl http://127.0.0.1:5080
        """;

    /// <summary>Takes out the options of the stand-in and leaves everything else (such as --urls) to ASP.NET.</summary>
    public static StandInOptions Parse(string[] args, List<string> hostArgs)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] known = ["--token", "--delay-ms", "--bench-records-per-day", "--big-records-per-day"];
        var untilStopped = false;
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h" or "-?" or "/?")
            {
                help = true;
                continue;
            }

            if (args[i].Equals("--until-stopped", StringComparison.OrdinalIgnoreCase))
            {
                untilStopped = true;
                continue;
            }

            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (!Array.Exists(known, k => k.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                hostArgs.Add(args[i]);
                continue;
            }

            values[name] = inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value."));
        }

        int Count(string name, int fallback) =>
            !values.TryGetValue(name, out var text) ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ArgumentException($"{name} must be a whole number, not \"{text}\".");

        return new StandInOptions(
            values.GetValueOrDefault("--token", "test-token"),
            Count("--delay-ms", 0),
            Count("--bench-records-per-day", 475),
            Count("--big-records-per-day", 47500),
            untilStopped,
            help);
    }
}

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var hostArgs = new List<string>();
        StandInOptions options;
        try
        {
            options = StandInOptions.Parse(args, hostArgs);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        if (options.Help)
        {
            await Console.Out.WriteLineAsync(StandInOptions.Usage);
            return 0;
        }

        if (!hostArgs.Exists(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase)))
        {
            hostArgs.Add("--urls");
            hostArgs.Add("http://127.0.0.1:5080");
        }

        var builder = WebApplication.CreateSlimBuilder(hostArgs.ToArray());

        // Standard output carries only the address lines a parent process waits for; anything worth logging goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        await using var app = builder.Build();

        var log = new RequestLog();
        var faults = new FaultScript();
        var rateLimit = new RateLimit();
        var inFlight = 0;
        var unauthenticated = Reply.Message(StatusCodes.Status401Unauthorized, "Unauthenticated.");
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            var entry = log.Add(context.Request, Interlocked.Increment(ref inFlight));

            // In flight means not yet answered: a client may send its next request as soon as it has read an answer,
            // before this handler has returned.
            var counted = 1;
            void Settle()
            {
                if (Interlocked.Exchange(ref counted, 0) == 1)
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }

            context.Response.OnStarting(() =>
            {
                Settle();
                entry.Answered(context.Response.StatusCode);
                return Task.CompletedTask;
            });

            // Stopping the server must not wait for hung or slow requests to finish on their own.
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, app.Lifetime.ApplicationStopping);
            try
            {
                entry.Body = await RequestLog.PeekBodyAsync(context.Request, cancel.Token);
                await Task.Delay(options.DelayMs, cancel.Token);
                if (rateLimit.Refuse(context.Request) is { } refusal)
                {
                    await refusal.ExecuteAsync(context);
                    return;
                }

                // Faults come before the token check, as a proxy or rate limiter in front of the API would,
                // so a scripted fault is used up by the next matching request whatever it carries.
                await faults.RunAsync(
                    context,
                    entry,
                    () => IsAuthorized(context.Request, options.Token) ? next(context) : unauthenticated.ExecuteAsync(context),
                    cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                entry.Dropped();
                context.Abort();
            }
            finally
            {
                Settle();
            }
        });

        var catalogue = new Catalogue();
        var results = new ResultDays(new RecordGenerator(options.BenchRecordsPerDay, options.BigRecordsPerDay));
        new Api(catalogue, results).Map(app);
        new Monitoring(catalogue, results).Map(app);
        MapTestControl(app, log, faults, catalogue, rateLimit);

        await app.StartAsync();
        foreach (var address in app.Urls)
        {
            Console.Out.WriteLine($"ACRCLOUD_STANDIN_URL={address}");
        }

        // A made-up token for a made-up API: printing it is what lets someone try the module against it.
        Console.Out.WriteLine($"ACRCLOUD_STANDIN_TOKEN={options.Token}");
        Console.Out.Flush();
        if (!options.UntilStopped) StopWhenInputEnds(app.Lifetime);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static bool IsAuthorized(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() == token;
    }

    /// <summary>The unauthenticated control API that tests use to script faults and read what the client sent.</summary>
    private static void MapTestControl(WebApplication app, RequestLog log, FaultScript faults, Catalogue catalogue, RateLimit rateLimit)
    {
        app.MapPost("/_test/rate-limit", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            if (!int.TryParse(Fault.Scalar(body?["perSecond"]), NumberStyles.None, CultureInfo.InvariantCulture, out var perSecond) || perSecond < 1)
            {
                return Reply.Message(StatusCodes.Status400BadRequest, "\"perSecond\" must be a whole number above 0.");
            }

            rateLimit.Set(perSecond);
            return Reply.Message(StatusCodes.Status201Created, $"At most {perSecond} requests per second per token.");
        });
        app.MapDelete("/_test/rate-limit", () =>
        {
            rateLimit.Set(0);
            return Results.NoContent();
        });
        app.MapPost("/_test/chaos", async (HttpContext context) =>
        {
            try
            {
                faults.SetChaos(Chaos.Parse(await JsonNode.ParseAsync(context.Request.Body)));
                return Results.NoContent();
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                return Reply.Message(StatusCodes.Status400BadRequest, e.Message);
            }
        });
        app.MapPost("/_test/faults", async (HttpContext context) =>
        {
            try
            {
                var rules = faults.Add(await JsonNode.ParseAsync(context.Request.Body));
                return Reply.Json(StatusCodes.Status201Created, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("rules", rules);
                    w.WriteEndObject();
                });
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                return Reply.Message(StatusCodes.Status400BadRequest, e.Message);
            }
        });
        app.MapGet("/_test/faults", faults.Describe);
        app.MapDelete("/_test/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_test/requests", log.Describe);
        app.MapDelete("/_test/requests", () =>
        {
            log.Clear();
            return Results.NoContent();
        });
        app.MapPost("/_test/reset", () =>
        {
            faults.Clear();
            rateLimit.Set(0);
            log.Clear();
            catalogue.Reset();
            return Results.NoContent();
        });
    }

    /// <summary>A parent that dies without stopping us closes our standard input; exiting then means no server is ever orphaned.</summary>
    private static void StopWhenInputEnds(IHostApplicationLifetime lifetime)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // An input that cannot be read is as gone as a closed one.
            }

            lifetime.StopApplication();
        })
        {
            IsBackground = true,
            Name = "stdin watcher",
        };
        watcher.Start();
    }
}
