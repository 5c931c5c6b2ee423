using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>A cmdlet that talks to the API: it picks the connection, lets one call override the retry settings,
    /// and turns every failure into an <see cref="ErrorRecord"/>.</summary>
    public abstract class AcrCloudRequestCmdlet : AcrCloudCmdlet
    {
        private ApiClientOptions? _overrides;
        private Action<string>? _verboseLog;
        private MainThreadDispatcher? _dispatcher;

        // The first 401 or 403 of the command: once the token is refused, every other request would be too.
        private ErrorRecord? _refusal;
        private bool _refusalWritten;

        /// <summary>The connection to use instead of the session's default (the object from Connect-AcrCloud -PassThru).</summary>
        [Parameter]
        [ConnectionTransformation]
        [ValidateNotNull]
        [PSDefaultValue(Help = "The session's default connection")]
        public AcrCloudConnection? Connection { get; set; }

        /// <summary>Retries for this call only, instead of the connection's.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        [PSDefaultValue(Help = "The connection's MaxRetries (5 unless set by Connect-AcrCloud)")]
        public int? MaxRetries { get; set; }

        /// <summary>Back-off factor in seconds for this call only, instead of the connection's.</summary>
        [Parameter]
        [ValidateRange(0.0, 60.0)]
        [PSDefaultValue(Help = "The connection's BackoffFactor (0.1 unless set by Connect-AcrCloud)")]
        public double? BackoffFactor { get; set; }

        /// <summary>Seconds each attempt may take, for this call only.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        [PSDefaultValue(Help = "The connection's TimeoutSec (60 unless set by Connect-AcrCloud)")]
        public int? TimeoutSec { get; set; }

        /// <summary>The most bytes one answer may have (decompressed) for this call only.</summary>
        [Parameter]
        [ValidateRange(1024L, ApiClientOptions.MaxMaxResponseBytes)]
        [PSDefaultValue(Help = "The connection's MaxResponseSize (1 GiB unless set by Connect-AcrCloud)")]
        public long? MaxResponseSize { get; set; }

        internal ApiClient Client { get; private set; } = null!;

        internal MainThreadDispatcher Dispatcher => _dispatcher ?? throw new InvalidOperationException("The cmdlet has not begun.");

        protected override void Begin()
        {
            var connection = ResolveConnection(Connection, out var error);
            if (connection == null) ThrowTerminatingError(error!);
            Client = connection!.Client;
            if (MaxRetries.HasValue || BackoffFactor.HasValue || TimeoutSec.HasValue || MaxResponseSize.HasValue)
            {
                _overrides = Client.Options.With(MaxRetries, BackoffFactor, TimeoutSec.HasValue ? TimeSpan.FromSeconds(TimeoutSec.Value) : (TimeSpan?)null, MaxResponseSize);
            }

            // Made here, on the pipeline thread, before any worker can post to it.
            var dispatcher = _dispatcher = new MainThreadDispatcher();
            if (IsVerboseWanted()) _verboseLog = message => dispatcher.Post(() => WriteVerbose(message));
        }

        /// <summary>Sends one request and converts a successful body; any failure becomes the result's error.
        /// Safe to run on any thread and many at a time; only Ctrl+C escapes as an exception.</summary>
        internal async Task<RequestResult> RequestAsync(HttpMethod method, Uri uri, byte[]? body, Func<byte[], List<object?>> convert, object? target, string accept = ApiClient.JsonMediaType)
            => Convert(await ReceiveAsync(method, uri, body, target, accept).ConfigureAwait(false), convert, method, target, accept);

        /// <summary>The first half of <see cref="RequestAsync"/>: sends the request and keeps a successful answer
        /// unconverted, for work that converts it later.</summary>
        internal async Task<RequestResult> ReceiveAsync(HttpMethod method, Uri uri, byte[]? body, object? target, string accept = ApiClient.JsonMediaType)
        {
            var refused = Volatile.Read(ref _refusal);
            if (refused != null) return RequestResult.Failure(refused);
            ApiResponse response;
            try
            {
                response = await Client.SendAsync(method, uri, body, accept, _overrides, _verboseLog, StopToken).ConfigureAwait(false);
            }
            catch (TransportException failure)
            {
                return RequestResult.Failure(AcrCloudErrors.FromTransport(method, uri, failure, target));
            }
            catch (ObjectDisposedException)
            {
                return RequestResult.Failure(AcrCloudErrors.Closed());
            }
            catch (ResponseTooLargeException problem)
            {
                return RequestResult.Failure(AcrCloudErrors.ResponseTooLarge(method, uri, problem, target));
            }
            catch (Exception problem) when (!(problem is OperationCanceledException))
            {
                // Whatever else the platform throws still reaches the user as an AcrCloud error, not a raw exception.
                return RequestResult.Failure(AcrCloudErrors.Unexpected(method, uri, problem, target));
            }

            if (!response.IsSuccess)
            {
                var error = AcrCloudErrors.FromResponse(method, response, target, Client.Options.BaseUri);
                if (AcrCloudErrors.IsCredentialRefusal(error)) Interlocked.CompareExchange(ref _refusal, error, null);
                return RequestResult.Failure(error, response);
            }

            return RequestResult.Received(response);
        }

        /// <summary>The second half of <see cref="RequestAsync"/>: converts the body of a received answer; a failed
        /// request stays as it is.</summary>
        internal static RequestResult Convert(RequestResult received, Func<byte[], List<object?>> convert, HttpMethod method, object? target, string accept = ApiClient.JsonMediaType)
        {
            if (!received.Succeeded) return received;
            var response = received.Response!;
            try
            {
                // JSON must be UTF-8; other answers (a recording's audio) are bytes.
                if (accept == ApiClient.JsonMediaType) Utf8Check.Ensure(response.Body);
                return RequestResult.Success(convert(response.Body), response);
            }
            catch (InvalidDataException problem)
            {
                // A day comes back whole or not at all: nothing of a broken body is output.
                return RequestResult.Failure(AcrCloudErrors.InvalidResponse(method, response, problem, target), response);
            }
        }

        /// <summary>Writes a failed request as a non-terminating error. Of the refusals of the token (401, 403) only
        /// the first is written: the requests still in flight were refused for the same reason, and the command
        /// sends no more.</summary>
        internal void WriteFailure(ErrorRecord error)
        {
            if (AcrCloudErrors.IsCredentialRefusal(error))
            {
                if (_refusalWritten) return;
                _refusalWritten = true;
            }

            WriteError(error);
        }

        /// <summary>Whether the token was refused during this command, after which it sends nothing more.</summary>
        internal bool CredentialsRefused => Volatile.Read(ref _refusal) != null;

        /// <summary>Waits on the pipeline thread, writing what the work posts meanwhile; Ctrl+C stops the pipeline.</summary>
        internal T Await<T>(Task<T> task)
        {
            try
            {
                return Dispatcher.WaitFor(task);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Every page of a list, in order, starting at <paramref name="first"/>; stops after a failed page
        /// (which is the last result) and never asks for the same page twice.</summary>
        internal IEnumerable<RequestResult> Pages(Uri first, object? target)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (Uri? next = first; next != null && seen.Add(next.AbsoluteUri);)
            {
                var page = Await(RequestAsync(HttpMethod.Get, next, null, JsonPSObjectConverter.ParseTopLevel, target));
                yield return page;
                if (!page.Succeeded) yield break;
                next = Paging.NextPage(page.Values.FirstOrDefault(), next);
            }
        }

        /// <summary>Writes every item of every page of a list, tagged with a type name for formatting; a failed page
        /// is a non-terminating error after the items already written.</summary>
        internal void WriteAllPages(string path, List<KeyValuePair<string, string>> query, object target, string typeName)
        {
            foreach (var page in Pages(BuildUri(path, query), target))
            {
                if (!page.Succeeded)
                {
                    WriteFailure(page.Error!);
                    return;
                }

                WriteItems(Paging.Items(page.Values.FirstOrDefault()), typeName);
            }
        }

        /// <summary>Writes the <c>data</c> of a single-object answer, tagged with a type name for formatting, or a
        /// non-terminating error.</summary>
        internal void WriteOne(string path, object target, string typeName) => SendAndWrite(HttpMethod.Get, path, null, target, typeName);

        /// <summary>Sends one request and writes the record of its answer (its <c>data</c>, or the answer itself
        /// when it has none), tagged with a type name for formatting; null <paramref name="typeName"/> writes
        /// nothing. A failure is a non-terminating error naming <paramref name="target"/>. True when it succeeded.</summary>
        internal bool SendAndWrite(HttpMethod method, string path, byte[]? body, object target, string? typeName)
        {
            var result = Await(RequestAsync(method, BuildUri(path, null), body, JsonPSObjectConverter.ParseTopLevel, target));
            if (!result.Succeeded)
            {
                WriteFailure(result.Error!);
                return false;
            }

            if (typeName != null)
            {
                foreach (var answer in result.Values) WriteItems(method == HttpMethod.Get ? Paging.Items(answer) : Paging.Record(answer), typeName);
            }

            return true;
        }

        /// <summary>What a change sends, as -WhatIf and -Confirm show it: the method, the path and the JSON body
        /// (which the module builds, so it never holds the token).</summary>
        internal static string DescribeRequest(HttpMethod method, string path, byte[]? body) =>
            method.Method + " " + path + (body == null ? string.Empty : " " + System.Text.Encoding.UTF8.GetString(body));

        /// <summary>Asks -WhatIf and -Confirm about one change, showing exactly what would be sent.</summary>
        internal bool ShouldSend(string target, HttpMethod method, string path, byte[]? body) =>
            ShouldProcess(target, DescribeRequest(method, path, body));

        internal void WriteItems(IEnumerable<object?> items, string typeName)
        {
            foreach (var item in items)
            {
                var view = JsonValues.ViewOf(item);
                if (view != null) view.Source.TypeName = typeName;
                WriteObject(item);
            }
        }

        internal Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query)
        {
            var uri = TryBuildUri(path, query, out var error);
            if (uri == null) ThrowTerminatingError(error!);
            return uri!;
        }

        /// <summary>The URL of a path the user gave, or the refusal: another origin (the token is never sent
        /// there) or a path that is not a URL.</summary>
        internal Uri? TryBuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query, out ErrorRecord? error)
        {
            error = null;
            try
            {
                return Client.BuildUri(path, query);
            }
            catch (ForeignOriginException problem)
            {
                error = AcrCloudErrors.ForeignOrigin(problem, path);
            }
            catch (Exception problem) when (problem is ArgumentException || problem is UriFormatException)
            {
                error = AcrCloudErrors.InvalidArgument("AcrCloud.InvalidPath", problem.Message, path);
            }

            return null;
        }

        protected override void EndProcessing() => _dispatcher?.Drain();

        protected override void DisposeResources() => _dispatcher?.Dispose();

        /// <summary>Verbose lines are only composed when someone will read them.</summary>
        private bool IsVerboseWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose))
            {
                return verbose is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(verbose);
            }

            return LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var preference)
                && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }
    }
}
