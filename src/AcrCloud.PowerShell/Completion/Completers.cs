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
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Tab completion from the API for the session's connection: answers are kept briefly so repeated
    /// Tabs do not call the API again, and any failure just means no suggestions.</summary>
    internal static class ApiCompletion
    {
        private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
        // Per connection, held weakly: a connection that is gone takes its answers with it; within one, an answer
        // past its freshness is dropped when any path is next asked for.
        private static readonly ConditionalWeakTable<AcrCloudConnection, ConcurrentDictionary<string, (DateTime At, List<(string Value, string Tip)> Items)>> Cache =
            new ConditionalWeakTable<AcrCloudConnection, ConcurrentDictionary<string, (DateTime, List<(string, string)>)>>();

        public static IEnumerable<CompletionResult> Complete(string path, string wordToComplete, Func<object?, (string Value, string Tip)?> describe)
        {
            var connection = ConnectionStore.Current;
            if (connection == null || !connection.IsOpen) return Enumerable.Empty<CompletionResult>();
            var answers = Cache.GetValue(connection, _ => new ConcurrentDictionary<string, (DateTime, List<(string, string)>)>(StringComparer.Ordinal));
            var now = DateTime.UtcNow;
            foreach (var stale in answers.Where(entry => now - entry.Value.At > Freshness).Select(entry => entry.Key).ToList()) answers.TryRemove(stale, out _);
            if (!answers.TryGetValue(path, out var cached))
            {
                cached = (now, Fetch(connection.Client, path, describe));
                answers[path] = cached;
            }

            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return cached.Items
                .Where(item => item.Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(item => new CompletionResult(Quote(item.Value), item.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(item.Tip) ? item.Value : item.Tip));
        }

        private static List<(string, string)> Fetch(ApiClient client, string path, Func<object?, (string Value, string Tip)?> describe)
        {
            var items = new List<(string, string)>();
            try
            {
                using var patience = new CancellationTokenSource(Patience);
                var quick = client.Options.With(maxRetries: 0, attemptTimeout: Patience);
                for (Uri? next = client.BuildUri(path, new[] { new KeyValuePair<string, string>("per_page", "100") }); next != null && items.Count < 1000;)
                {
                    var response = client.SendAsync(HttpMethod.Get, next, null, quick, null, patience.Token).GetAwaiter().GetResult();
                    if (!response.IsSuccess) break;
                    var page = JsonPSObjectConverter.ParseTopLevel(response.Body).FirstOrDefault();
                    foreach (var item in Paging.Items(page))
                    {
                        var described = describe(item);
                        if (described.HasValue) items.Add(described.Value);
                    }

                    next = Paging.NextPage(page, next);
                }
            }
            catch (Exception)
            {
                // Completion must never get in the way of typing: no answer means no suggestions.
            }

            return items;
        }

        private static string Quote(string value) =>
            value.Any(c => char.IsWhiteSpace(c) || "'\"`$;,(){}@#&|<>".IndexOf(c) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;

        internal static string? Text(object? value, string name) => RecordReader.Text(JsonValues.Get(value, name));
    }

    /// <summary>Completes -ProjectId with the projects of the session's connection.</summary>
    public sealed class ProjectIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            ApiCompletion.Complete(ApiRoutes.BmCsProjects, wordToComplete, project =>
            {
                var id = ApiCompletion.Text(project, "id");
                return id == null ? ((string, string)?)null : (id, $"{id} {ApiCompletion.Text(project, "name")} ({ApiCompletion.Text(project, "region")})");
            });
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

            return ApiCompletion.Complete(ApiRoutes.BmCsStreams(project), wordToComplete, stream =>
            {
                var id = ApiCompletion.Text(stream, "stream_id");
                return id == null ? ((string, string)?)null : (id, $"{id} {ApiCompletion.Text(stream, "name")} [{ApiCompletion.Text(stream, "state")}]");
            });
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
