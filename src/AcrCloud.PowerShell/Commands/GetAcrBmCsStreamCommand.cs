using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The streams of a custom-streams project: all of them (every page), or one. Stream objects
    /// bind straight into Get-AcrBmCsResult.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsStream", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmCsStreamCommand : AcrCloudRequestCmdlet
    {
        private const string ListSet = "List";
        private const string OneSet = "One";
        internal const string StreamTypeName = "AcrCloud.BmCsStream";

        /// <summary>The project; binds from numbers, from project objects (their id) and from stream objects (mcp_id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        // mcp_id before id: a stream object has both, and its own id is not the project's.
        [Alias("mcp_id", "project_id", "id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One stream by id.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = OneSet)]
        [StreamIdTransformation]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        public string? StreamId { get; set; }

        /// <summary>Only streams in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("All", "Running", "Timeout", "Paused", "Invalid URL", "Mute", "Other")]
        [PSDefaultValue(Help = "None (every state)")]
        public string? State { get; set; }

        /// <summary>Only streams whose name or id contains this text.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("created_at", "stream_id", "name")]
        [PSDefaultValue(Help = "None (the API's order)")]
        public string? Sort { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("asc", "desc")]
        [PSDefaultValue(Help = "None (the API's default)")]
        public string? Order { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == OneSet)
            {
                WriteOne(ApiRoutes.BmCsStream(ProjectId, StreamId!), new ResultTarget(ProjectId, StreamId!, null), StreamTypeName);
                return;
            }

            var query = new List<KeyValuePair<string, string>>();
            void Add(string name, string? value)
            {
                if (value != null) query.Add(new KeyValuePair<string, string>(name, value));
            }

            Add("state", State);
            Add("search_value", Search);
            Add("sort", Sort);
            Add("order", Order);
            WriteAllPages(ApiRoutes.BmCsStreams(ProjectId), query, ProjectId, StreamTypeName);
        }
    }
}
