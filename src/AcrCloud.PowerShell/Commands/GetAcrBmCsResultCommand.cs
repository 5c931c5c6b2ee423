using System.Collections.Generic;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The broadcast-monitoring results of custom streams: one object per detection, exactly as the API
    /// sent it, plus the ProjectId and StreamId it came from.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsResult", DefaultParameterSetName = DateSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmCsResultCommand : ResultDayCmdlet
    {
        /// <summary>The project (the API's bm-cs project id; stream objects carry it as mcp_id, project objects as id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        // mcp_id before id: a stream object has both, and its own id is not the project's.
        [Alias("mcp_id", "project_id", "id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more stream ids (stream objects carry it as stream_id; plain strings bind too), trimmed; a blank one is refused.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [StreamIdTransformation]
        [ValidateNotNullOrEmpty]
        public string[] StreamId { get; set; } = null!;

        /// <summary>The stream's name, carried on every record as StreamName (stream objects bind their name).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("name")]
        public string? StreamName { get; set; }

        internal override string RecordTypeName => "AcrCloud.BmCsResult";

        internal override IEnumerable<DaySource> Sources()
        {
            foreach (var streamId in StreamId)
            {
                var labels = new List<KeyValuePair<string, object>> { Label("ProjectId", ProjectId), Label("StreamId", streamId) };
                if (!string.IsNullOrWhiteSpace(StreamName)) labels.Add(Label("StreamName", StreamName!.Trim()));
                yield return new DaySource(ApiRoutes.BmCsResults(ProjectId, streamId), day => new ResultTarget(ProjectId, streamId, day), labels.ToArray());
            }
        }
    }
}
