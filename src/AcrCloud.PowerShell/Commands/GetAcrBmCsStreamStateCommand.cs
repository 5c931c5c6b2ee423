using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The up-time of custom streams: one object per state interval (running or not), in local time
    /// across daylight-saving changes, or with -Summary one per local day.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsStreamState")]
    [OutputType(typeof(AcrBmCsStreamState), typeof(AcrBmCsStreamUptime))]
    public sealed class GetAcrBmCsStreamStateCommand : AcrBmStateCmdlet
    {
        /// <summary>The project (stream objects carry it as mcp_id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("mcp_id", "project_id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more stream ids (stream objects carry it as stream_id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [StreamIdTransformation]
        [ValidateNotNullOrEmpty]
        public string[] StreamId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            foreach (var streamId in StreamId)
            {
                WriteStates<AcrBmCsStreamState, AcrBmCsStreamUptime>(ApiRoutes.BmCsStreamState(ProjectId, streamId), ProjectId,
                    new ResultTarget(ProjectId, streamId, null), state => state.StreamId = streamId, day => day.StreamId = streamId);
            }
        }
    }
}
