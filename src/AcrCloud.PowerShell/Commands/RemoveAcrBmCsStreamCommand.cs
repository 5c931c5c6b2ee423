using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The API's delete of streams, in as few requests as is safe (see StreamBatchCmdlet.BatchSize).</summary>
    [Cmdlet(VerbsCommon.Remove, "AcrBmCsStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAcrBmCsStreamCommand : StreamBatchCmdlet
    {
        internal override string Action => "delete";

        internal override HttpMethod Method => HttpMethod.Delete;

        internal override string Route(int projectId, IEnumerable<string> streamIds) => ApiRoutes.BmCsStreamList(projectId, streamIds);
    }
}
