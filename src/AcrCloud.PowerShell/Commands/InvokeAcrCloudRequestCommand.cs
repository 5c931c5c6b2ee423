using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Sends a request to any console API path and returns the JSON answer as objects.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AcrCloudRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeAcrCloudRequestCommand : AcrCloudRequestCmdlet
    {
        /// <summary>A path under the base URL, such as /api/bm-cs-projects (or an absolute URL of the same origin).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Sent as the query string: text as given, numbers invariantly, true/false as 1/0, dates as yyyyMMdd, lists comma-separated.</summary>
        [Parameter(Position = 1)]
        public IDictionary? Query { get; set; }

        [Parameter]
        [PSDefaultValue(Help = "Get")]
        public AcrCloudHttpMethod Method { get; set; } = AcrCloudHttpMethod.Get;

        /// <summary>The request body: a dictionary or object is sent as JSON, a string as it is.</summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary>Follows the pagination and emits every item of every page's data.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>The name of a variable that receives the final HTTP status code.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusCodeVariable { get; set; }

        /// <summary>The name of a variable that receives the final answer's headers.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResponseHeadersVariable { get; set; }

        protected override void ProcessRecord()
        {
            var method = new HttpMethod(Method.ToString().ToUpperInvariant());
            List<KeyValuePair<string, string>> query;
            try
            {
                query = QueryString.FromDictionary(Query);
            }
            catch (ArgumentException problem)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidQuery", problem.Message, Query));
                return;
            }

            if (method == HttpMethod.Get && Body != null)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.BodyNeedsMethod", "-Body is sent with -Method Post, Put, Patch or Delete, not with Get.", Body));
            }

            if (All && method != HttpMethod.Get)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.AllNeedsGet", "-All follows the pages of a list and works with -Method Get only.", Method));
            }

            // A path comes from the pipeline too, so a refused one is that item's error and the next one goes on.
            var uri = TryBuildUri(Path, query, out var refused);
            if (uri == null)
            {
                WriteError(refused!);
                return;
            }

            if (method != HttpMethod.Get && !ShouldProcess(uri.GetLeftPart(UriPartial.Path), method.Method)) return;
            var body = EncodeBody();

            if (All)
            {
                foreach (var page in Pages(uri, Path))
                {
                    Report(page);
                    foreach (var item in Paging.Items(page.Values.Count > 0 ? page.Values[0] : null)) WriteObject(item);
                }

                return;
            }

            var result = Await(RequestAsync(method, uri, body, JsonPSObjectConverter.ParseTopLevel, Path));
            Report(result);
            foreach (var value in result.Values) WriteObject(value);
        }

        private void Report(RequestResult result)
        {
            var response = result.Response;
            if (response != null)
            {
                if (StatusCodeVariable != null) SessionState.PSVariable.Set(StatusCodeVariable, response.StatusCode);
                if (ResponseHeadersVariable != null)
                {
                    var headers = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var header in response.Headers) headers[header.Key] = header.Value;
                    SessionState.PSVariable.Set(ResponseHeadersVariable, headers);
                }
            }

            // Unlike Invoke-RestMethod, a failed request is a non-terminating error: -ErrorAction, -ErrorVariable and
            // $? work, and -ErrorAction Stop makes it catchable.
            if (!result.Succeeded) WriteFailure(result.Error!);
        }

        private byte[]? EncodeBody()
        {
            var value = Body is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : Body;
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return Encoding.UTF8.GetBytes(text);
                case byte[] bytes:
                    return bytes;
                default:
                    try
                    {
                        return JsonTextWriter.Serialize(Body);
                    }
                    catch (ArgumentException problem)
                    {
                        ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidBody", problem.Message, Body));
                        return null;
                    }
            }
        }
    }
}
