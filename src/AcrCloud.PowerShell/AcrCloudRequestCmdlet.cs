using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>A cmdlet that talks to the API: it picks the connection, lets one call override the retry settings,
    /// and turns every failure into an <see cref="ErrorRecord"/>.</summary>
    public abstract class AcrCloudRequestCmdlet : AcrCloudCmdlet
    {
        private ApiClientOptions? _overrides;
        private bool _verbose;

        /// <summary>The connection to use instead of the session's default (the object from Connect-AcrCloud -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public AcrCloudConnection? Connection { get; set; }

        /// <summary>Retries for this call only, instead of the connection's.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int? MaxRetries { get; set; }

        /// <summary>Back-off factor in seconds for this call only, instead of the connection's.</summary>
        [Parameter]
        [ValidateRange(0.0, 60.0)]
        public double? BackoffFactor { get; set; }

        /// <summary>Seconds each attempt may take, for this call only.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int? TimeoutSec { get; set; }

        internal ApiClient Client { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            var connection = ResolveConnection(Connection, out var error);
            if (connection == null) ThrowTerminatingError(error!);
            Client = connection!.Client;
            if (MaxRetries.HasValue || BackoffFactor.HasValue || TimeoutSec.HasValue)
            {
                _overrides = Client.Options.With(MaxRetries, BackoffFactor, TimeoutSec.HasValue ? TimeSpan.FromSeconds(TimeoutSec.Value) : (TimeSpan?)null);
            }

            _verbose = IsVerboseWanted();
        }

        /// <summary>Sends one request. On an HTTP failure or none at all, returns false with the error to report;
        /// Ctrl+C stops the pipeline.</summary>
        internal bool TrySend(HttpMethod method, Uri uri, byte[]? body, object? target, out ApiResponse response, out ErrorRecord? error)
        {
            response = null!;
            error = null;
            try
            {
                response = MainThreadPump.Run(
                    (post, cancellationToken) => Client.SendAsync(method, uri, body, _overrides,
                        _verbose ? message => post(() => WriteVerbose(message)) : (Action<string>?)null,
                        cancellationToken),
                    StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (TransportException failure)
            {
                error = AcrCloudErrors.FromTransport(method, uri, failure, target);
                return false;
            }
            catch (ObjectDisposedException)
            {
                error = AcrCloudErrors.Closed();
                return false;
            }

            if (response.IsSuccess) return true;
            error = AcrCloudErrors.FromResponse(method, response, target);
            return false;
        }

        /// <summary>Converts a successful body, or gives the InvalidData error; a broken body yields no objects at all.</summary>
        internal bool TryConvert(HttpMethod method, ApiResponse response, Func<byte[], List<object?>> convert, object? target, out List<object?> values, out ErrorRecord? error)
        {
            try
            {
                values = convert(response.Body);
                error = null;
                return true;
            }
            catch (InvalidDataException problem)
            {
                values = null!;
                error = AcrCloudErrors.InvalidResponse(method, response, problem, target);
                return false;
            }
        }

        internal Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query)
        {
            try
            {
                return Client.BuildUri(path, query);
            }
            catch (Exception problem) when (problem is ArgumentException || problem is UriFormatException)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidPath", problem.Message, path));
                throw;
            }
        }

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
