using System.Collections.Generic;
using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Broadcast-database projects (public channels ACRCloud already monitors): all of them (every
    /// page), or one.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmBdProject", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmBdProjectCommand : AcrCloudRequestCmdlet
    {
        private const string ListSet = "List";
        private const string OneSet = "One";
        internal const string ProjectTypeName = "AcrCloud.BmBdProject";

        /// <summary>One project by id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OneSet, ValueFromPipelineByPropertyName = true)]
        [Alias("id")]
        [ArgumentCompleter(typeof(BdProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == OneSet)
            {
                WriteOne(ApiRoutes.BmBdProject(ProjectId), ProjectId, ProjectTypeName);
                return;
            }

            WriteAllPages(ApiRoutes.BmBdProjects, new List<KeyValuePair<string, string>>(), "broadcast-database projects", ProjectTypeName);
        }
    }
}
