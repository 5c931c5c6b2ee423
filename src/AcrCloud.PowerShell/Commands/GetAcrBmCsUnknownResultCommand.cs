using System.Collections.Generic;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The unknown results of custom streams: music that was detected but not recognised, one object per
    /// stretch, exactly as the API sent it, plus the ProjectId and StreamId it came from.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsUnknownResult", DefaultParameterSetName = DateSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmCsUnknownResultCommand : StreamDayCmdlet
    {
        /// <summary>The project (stream objects carry it as mcp_id, project objects as id).</summary>
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

        internal override string RecordNoun => "unknown results";

        internal override string RecordTypeName => "AcrCloud.BmCsUnknownResult";

        internal override IEnumerable<DaySource> Sources()
        {
            foreach (var streamId in StreamId)
            {
                yield return new DaySource(ApiRoutes.BmCsUnknownResults(ProjectId, streamId), day => new ResultTarget(ProjectId, streamId, day),
                    Label("ProjectId", ProjectId), Label("StreamId", streamId));
            }
        }
    }
}
