using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Deletes a custom-streams project with all its streams.</summary>
    [Cmdlet(VerbsCommon.Remove, "AcrBmCsProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAcrBmCsProjectCommand : AcrCloudRequestCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        protected override void ProcessRecord()
        {
            var path = ApiRoutes.BmCsProject(ProjectId);
            if (!ShouldSend($"project {ProjectId} and all its streams", HttpMethod.Delete, path, null)) return;
            SendAndWrite(HttpMethod.Delete, path, null, ProjectId, null);
        }
    }
}
