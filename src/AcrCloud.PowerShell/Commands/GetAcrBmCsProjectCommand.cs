using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Custom-streams broadcast-monitoring projects: all of them (every page), or one.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsProject", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmCsProjectCommand : AcrCloudRequestCmdlet
    {
        private const string ListSet = "List";
        private const string OneSet = "One";
        internal const string ProjectTypeName = "AcrCloud.BmCsProject";

        /// <summary>One project by id; binds from numbers and from objects with an id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OneSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>Only projects of this region (eu-west-1, us-west-2, ap-southeast-1).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [PSDefaultValue(Help = "None (every region)")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == OneSet)
            {
                WriteOne(ApiRoutes.BmCsProject(ProjectId), ProjectId, ProjectTypeName);
                return;
            }

            var query = new List<KeyValuePair<string, string>>();
            if (Region != null) query.Add(new KeyValuePair<string, string>("region", Region));
            WriteAllPages(ApiRoutes.BmCsProjects, query, "projects", ProjectTypeName);
        }
    }
}
