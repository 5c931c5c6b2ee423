using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Tab completion from the API for the connection on the command line (-Connection) or the session's:
    /// answers are kept briefly so repeated Tabs do not call the API again, the prompt waits well under a second
    /// (a slower answer fills the cache for the next Tab), and any failure just means no suggestions.</summary>
    internal static class ApiCompletion
    {
        private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(2);
        // How long Tab may block the prompt; the fetch itself may go on for longer and serve the next Tab.
        internal static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(400);
        private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(10);

        private sealed class Answer
        {
            public Answer(Task<List<(string Value, string Tip)>> items, Answer? previous)
            {
                Items = items;
                Previous = previous;
            }

            public DateTime At { get; } = DateTime.UtcNow;

            public Task<List<(string Value, string Tip)>> Items { get; }

            /// <summary>The answer this one replaces, served while this one is on its way.</summary>
            public Answer? Previous { get; set; }

            public bool IsFresh(DateTime now) => now - At <= Freshness && !Items.IsFaulted;
        }

        // Per connection, held weakly: a connection that is gone takes its answers with it; within one, an answer
        // past its freshness is replaced when its path is next asked for.
        private static readonly ConditionalWeakTable<AcrCloudConnection, ConcurrentDictionary<string, Answer>> Cache =
            new ConditionalWeakTable<AcrCloudConnection, ConcurrentDictionary<string, Answer>>();

        /// <summary>The -Connection on the command line when it is already a value, else the session's.</summary>
        public static AcrCloudConnection? ConnectionOf(IDictionary? fakeBoundParameters)
        {
            var given = fakeBoundParameters != null && fakeBoundParameters.Contains("Connection") ? fakeBoundParameters["Connection"] : null;
            return (given is PSObject wrapped ? wrapped.BaseObject : given) as AcrCloudConnection ?? ConnectionStore.Current;
        }

        public static IEnumerable<CompletionResult> Complete(AcrCloudConnection? connection, string path, string wordToComplete, Func<object?, (string Value, string Tip)?> describe)
        {
            if (connection == null || !connection.IsOpen) return Enumerable.Empty<CompletionResult>();
            var answers = Cache.GetValue(connection, _ => new ConcurrentDictionary<string, Answer>(StringComparer.Ordinal));
            var now = DateTime.UtcNow;
            var answer = answers.AddOrUpdate(
                path,
                _ => new Answer(Start(connection, path, describe), null),
                (_, known) => known.IsFresh(now) ? known : new Answer(Start(connection, path, describe), known.Items.IsCompleted && !known.Items.IsFaulted ? known : known.Previous));

            var items = Wait(answer);
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return items
                .Where(item => item.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(item => new CompletionResult(Quote(item.Value), item.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(item.Tip) ? item.Value : item.Tip));
        }

        private static List<(string Value, string Tip)> Wait(Answer answer)
        {
            try
            {
                if (answer.Items.Wait(Patience))
                {
                    answer.Previous = null;
                    return answer.Items.Result;
                }
            }
            catch (AggregateException)
            {
                // A failed fetch is no suggestions, or the last good ones.
            }

            var previous = answer.Previous;
            return previous != null && previous.Items.Status == TaskStatus.RanToCompletion ? previous.Items.Result : new List<(string, string)>();
        }

        private static Task<List<(string Value, string Tip)>> Start(AcrCloudConnection connection, string path, Func<object?, (string Value, string Tip)?> describe) =>
            Task.Run(() => Fetch(connection.Client, path, describe));

        private static List<(string Value, string Tip)> Fetch(ApiClient client, string path, Func<object?, (string Value, string Tip)?> describe)
        {
            var items = new List<(string Value, string Tip)>();
            using var limit = new CancellationTokenSource(FetchLimit);
            var quick = client.Options.With(maxRetries: 0, attemptTimeout: FetchLimit);
            for (Uri? next = client.BuildUri(path, new[] { new KeyValuePair<string, string>("per_page", "100") }); next != null && items.Count < 1000;)
            {
                var response = client.SendAsync(HttpMethod.Get, next, null, quick, null, limit.Token).GetAwaiter().GetResult();
                if (!response.IsSuccess) throw new InvalidOperationException("The API refused the completion request.");
                var page = JsonPSObjectConverter.ParseTopLevel(response.Body).FirstOrDefault();
                foreach (var item in Paging.Items(page))
                {
                    var described = describe(item);
                    if (described.HasValue) items.Add(described.Value);
                }

                next = Paging.NextPage(page, next);
            }

            // In id order, whatever order the API lists them in (streams come newest first).
            items.Sort((a, b) => CompareIds(a.Value, b.Value));
            return items;
        }

        private static int CompareIds(string a, string b) =>
            long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : StringComparer.OrdinalIgnoreCase.Compare(a, b);

        private static string Quote(string value) =>
            value.Any(c => char.IsWhiteSpace(c) || "'\"`$;,(){}@#&|<>".IndexOf(c) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;

        internal static string? Text(object? value, string name) => RecordReader.Text(JsonValues.Get(value, name));

        /// <summary>The projects of a list path, with their name and region as the tool tip.</summary>
        internal static IEnumerable<CompletionResult> Projects(IDictionary? fakeBoundParameters, string path, string wordToComplete) =>
            Complete(ConnectionOf(fakeBoundParameters), path, wordToComplete, project =>
            {
                var id = Text(project, "id");
                return id == null ? ((string, string)?)null : (id, $"{id} {Text(project, "name")} ({Text(project, "region")})");
            });
    }

    /// <summary>Completes -ProjectId with the projects of the connection on the command line or the session's.</summary>
    public sealed class ProjectIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            ApiCompletion.Projects(fakeBoundParameters, ApiRoutes.BmCsProjects, wordToComplete);
    }

    /// <summary>Completes -StreamId with the streams of the -ProjectId already on the command line.</summary>
    public sealed class StreamIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var projectId = fakeBoundParameters?["ProjectId"];
            if (projectId == null || !LanguagePrimitives.TryConvertTo(projectId, CultureInfo.InvariantCulture, out int project) || project < 1)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return ApiCompletion.Complete(ApiCompletion.ConnectionOf(fakeBoundParameters), ApiRoutes.BmCsStreams(project), wordToComplete, stream =>
            {
                var id = ApiCompletion.Text(stream, "stream_id");
                return id == null ? ((string, string)?)null : (id, $"{id} {ApiCompletion.Text(stream, "name")} [{ApiCompletion.Text(stream, "state")}]");
            });
        }
    }

    /// <summary>Completes the -ProjectId of the broadcast-database cmdlets with the connection's bm-bd projects.</summary>
    public sealed class BdProjectIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            ApiCompletion.Projects(fakeBoundParameters, ApiRoutes.BmBdProjects, wordToComplete);
    }

    /// <summary>Completes -ChannelId with the channels of the broadcast-database -ProjectId already on the command line.</summary>
    public sealed class ChannelIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var projectId = fakeBoundParameters?["ProjectId"];
            if (projectId == null || !LanguagePrimitives.TryConvertTo(projectId, CultureInfo.InvariantCulture, out int project) || project < 1)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return ApiCompletion.Complete(ApiCompletion.ConnectionOf(fakeBoundParameters), ApiRoutes.BmBdChannels(project), wordToComplete, channel =>
            {
                var id = ApiCompletion.Text(channel, "id");
                return id == null ? ((string, string)?)null : (id, $"{id} {ApiCompletion.Text(channel, "name")}, {ApiCompletion.Text(channel, "city")} [{ApiCompletion.Text(channel, "state")}]");
            });
        }
    }

    /// <summary>Completes -Region with the regions ACRCloud runs projects in.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        internal static readonly string[] Regions = { "ap-southeast-1", "eu-west-1", "us-west-2" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Regions
                .Where(region => region.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(region => new CompletionResult(region, region, CompletionResultType.ParameterValue, region));
        }
    }

    /// <summary>Completes -TimeZone with the zone ids this system knows.</summary>
    public sealed class TimeZoneCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return TimeZones.Ids()
                .Where(id => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(id => new CompletionResult(id.IndexOf(' ') >= 0 ? "'" + id + "'" : id, id, CompletionResultType.ParameterValue, id));
        }
    }
}
