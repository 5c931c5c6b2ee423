using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The API's pause of streams, in as few requests as is safe (see StreamBatchCmdlet.BatchSize).</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "AcrBmCsStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class SuspendAcrBmCsStreamCommand : StreamBatchCmdlet
    {
        internal override string Action => "pause";

        internal override HttpMethod Method => HttpMethod.Put;

        internal override string Route(int projectId, IEnumerable<string> streamIds) => ApiRoutes.BmCsStreamsPause(projectId, streamIds);
    }
}
