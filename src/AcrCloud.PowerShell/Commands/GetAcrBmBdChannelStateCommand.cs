using System.Globalization;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The up-time of broadcast-database channels: one object per state interval, in local time across
    /// daylight-saving changes, or with -Summary one per local day.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmBdChannelState")]
    [OutputType(typeof(AcrBmBdChannelState), typeof(AcrBmBdChannelUptime))]
    public sealed class GetAcrBmBdChannelStateCommand : AcrBmStateCmdlet
    {
        /// <summary>The broadcast-database project.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ArgumentCompleter(typeof(BdProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more channel ids (channel objects carry it as id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("id", "channel_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public int[] ChannelId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            foreach (var channelId in ChannelId)
            {
                WriteStates<AcrBmBdChannelState, AcrBmBdChannelUptime>(ApiRoutes.BmBdChannelState(ProjectId, channelId), ProjectId,
                    $"project {ProjectId.ToString(CultureInfo.InvariantCulture)}, channel {channelId.ToString(CultureInfo.InvariantCulture)}",
                    state => state.ChannelId = channelId, day => day.ChannelId = channelId);
            }
        }
    }
}
