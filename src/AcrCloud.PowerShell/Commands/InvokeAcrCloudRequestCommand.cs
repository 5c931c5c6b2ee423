using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Sends a GET request to any console API path and returns the JSON answer as objects.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AcrCloudRequest")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeAcrCloudRequestCommand : AcrCloudRequestCmdlet
    {
        /// <summary>A path under the base URL, such as /api/bm-cs-projects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Sent as the query string: keys and values as given (true/false as 1/0, lists comma-separated).</summary>
        [Parameter(Position = 1)]
        public IDictionary? Query { get; set; }

        protected override void ProcessRecord()
        {
            var uri = BuildUri(Path, QueryString.FromDictionary(Query));
            if (!TrySend(HttpMethod.Get, uri, null, Path, out var response, out var error)
                || !TryConvert(HttpMethod.Get, response, JsonPSObjectConverter.ParseTopLevel, Path, out var values, out error))
            {
                ThrowTerminatingError(error!);
                return;
            }

            foreach (var value in values) WriteObject(value);
        }
    }
}
