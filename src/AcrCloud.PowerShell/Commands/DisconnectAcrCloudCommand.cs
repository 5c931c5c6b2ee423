using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Closes a connection and forgets the session's default one; its token can no longer be used.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AcrCloud", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class DisconnectAcrCloudCommand : AcrCloudCmdlet
    {
        /// <summary>The connection to close; by default the session's.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ConnectionTransformation]
        [ValidateNotNull]
        [PSDefaultValue(Help = "The session's default connection")]
        public AcrCloudConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? ConnectionStore.Current;
            if (connection == null)
            {
                WriteError(AcrCloudErrors.NotConnected());
                return;
            }

            if (!ShouldProcess(connection.BaseUrl, "Close the ACRCloud connection and forget its token")) return;
            if (ReferenceEquals(connection, ConnectionStore.Current)) ConnectionStore.Current = null;
            connection.Close();
            WriteVerbose($"Disconnected from {connection.BaseUrl}.");
        }
    }
}
