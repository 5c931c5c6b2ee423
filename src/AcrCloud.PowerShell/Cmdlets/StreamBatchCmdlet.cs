using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Remove-, Suspend- and Restart-AcrBmCsStream: the stream ids of the whole pipeline are collected and
    /// sent per project as comma lists of at most <see cref="BatchSize"/> ids.</summary>
    public abstract class StreamBatchCmdlet : AcrCloudRequestCmdlet
    {
        /// <summary>How many ids one request carries. The API does not say how many a list may hold; the ids are a
        /// path segment, and servers and proxies commonly refuse request lines over 8 KB. 100 ids of typical length
        /// (s- and a dozen letters) make a path of about 1.5 KB, so even ids three times as long stay well under it,
        /// while 1,000 streams still take only 10 requests.</summary>
        internal const int BatchSize = 100;

        private readonly Dictionary<int, List<string>> _byProject = new Dictionary<int, List<string>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("mcp_id", "project_id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] StreamId { get; set; } = null!;

        /// <summary>What the API does to the streams, as -WhatIf names it ("pause", "restart", "delete").</summary>
        internal abstract string Action { get; }

        internal abstract HttpMethod Method { get; }

        internal abstract string Route(int projectId, IEnumerable<string> streamIds);

        protected override void ProcessRecord()
        {
            foreach (var id in StreamId)
            {
                var trimmed = id.Trim();
                if (trimmed.Length == 0 || trimmed.IndexOf(',') >= 0)
                {
                    ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidStreamId", $"'{id}' is not a stream id: ids such as s-abc123 have no commas or spaces.", id));
                }

                if (!_byProject.TryGetValue(ProjectId, out var ids)) _byProject[ProjectId] = ids = new List<string>();
                if (!ids.Contains(trimmed)) ids.Add(trimmed);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var project in _byProject)
            {
                for (var start = 0; start < project.Value.Count; start += BatchSize)
                {
                    var batch = project.Value.Skip(start).Take(BatchSize).ToList();
                    var path = Route(project.Key, batch);
                    if (!ShouldSend($"{Action} {batch.Count} stream(s) of project {project.Key}: {string.Join(", ", batch)}", Method, path, null)) continue;
                    var result = Await(RequestAsync(Method, BuildUri(path, null), null, JsonPSObjectConverter.ParseTopLevel, batch.ToArray()));
                    if (!result.Succeeded) WriteFailure(AcrCloudErrors.ForBatch(result.Error!, project.Key, batch));
                }
            }

            base.EndProcessing();
        }
    }
}
