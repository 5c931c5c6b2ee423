using System.Collections.Generic;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The results of broadcast-database channels: one object per detection, exactly as the API sent it,
    /// plus the ProjectId and ChannelId it came from.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmBdResult", DefaultParameterSetName = DateSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmBdResultCommand : ResultDayCmdlet
    {
        /// <summary>The broadcast-database project (channel objects from Get-AcrBmBdChannel carry it as ProjectId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ArgumentCompleter(typeof(BdProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more channel ids (channel objects carry it as id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("id", "channel_id")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public int[] ChannelId { get; set; } = null!;

        internal override string RecordTypeName => "AcrCloud.BmBdResult";

        internal override IEnumerable<DaySource> Sources()
        {
            foreach (var channelId in ChannelId)
            {
                yield return new DaySource(ApiRoutes.BmBdChannelResults(ProjectId, channelId), day => new ChannelResultTarget(ProjectId, channelId, day),
                    Label("ProjectId", ProjectId), Label("ChannelId", channelId));
            }
        }
    }
}
