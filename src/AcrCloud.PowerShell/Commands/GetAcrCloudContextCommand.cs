using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Shows the session's connection (never its token).</summary>
    [Cmdlet(VerbsCommon.Get, "AcrCloudContext")]
    [OutputType(typeof(AcrCloudConnection))]
    public sealed class GetAcrCloudContextCommand : AcrCloudCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection(null, out var error);
            if (connection == null)
            {
                WriteError(error!);
                return;
            }

            WriteObject(connection);
        }
    }
}
