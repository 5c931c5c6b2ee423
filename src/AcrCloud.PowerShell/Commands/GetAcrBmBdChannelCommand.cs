using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The channels of a broadcast-database project (every page), each with the ProjectId it belongs to,
    /// so they bind straight into Get-AcrBmBdChannelState.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmBdChannel", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmBdChannelCommand : AcrCloudRequestCmdlet
    {
        private const string ListSet = "List";
        private const string OneSet = "One";
        private const string SearchSet = "Search";
        internal const string ChannelTypeName = "AcrCloud.BmBdChannel";

        /// <summary>The broadcast-database project; binds from project objects (their id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("id", "project_id")]
        [ArgumentCompleter(typeof(BdProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One channel by id (the API's channel_id search).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = OneSet)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        public int ChannelId { get; set; }

        /// <summary>Only channels in this state.</summary>
        [Parameter]
        [ValidateSet("All", "Running", "Timeout", "Paused", "Invalid URL", "Mute", "Other")]
        public string? State { get; set; }

        /// <summary>What -SearchValue is matched against.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SearchSet)]
        [ValidateSet("channel_name", "city", "custom_id", "mytuner_id", "channel_id")]
        public string SearchType { get; set; } = null!;

        /// <summary>The text (or id) to search for.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SearchSet)]
        [ValidateNotNullOrEmpty]
        public string SearchValue { get; set; } = null!;

        protected override void ProcessRecord()
        {
            var query = new List<KeyValuePair<string, string>>();
            void Add(string name, string value) => query.Add(new KeyValuePair<string, string>(name, value));
            if (State != null) Add("state", State);
            if (ParameterSetName == OneSet)
            {
                Add("search_type", "channel_id");
                Add("search_value", ChannelId.ToString(CultureInfo.InvariantCulture));
            }
            else if (ParameterSetName == SearchSet)
            {
                Add("search_type", SearchType);
                Add("search_value", SearchValue);
            }

            foreach (var page in Pages(BuildUri(ApiRoutes.BmBdChannels(ProjectId), query), ProjectId))
            {
                if (!page.Succeeded)
                {
                    WriteFailure(page.Error!);
                    return;
                }

                var channels = new List<object?>(Paging.Items(page.Values.Count > 0 ? page.Values[0] : null));
                foreach (var channel in channels) JsonValues.Append(channel, "ProjectId", ProjectId);
                WriteItems(channels, ChannelTypeName);
            }
        }
    }
}
