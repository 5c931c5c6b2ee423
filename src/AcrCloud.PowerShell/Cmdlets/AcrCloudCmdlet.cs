using System;
using System.Management.Automation;
using System.Threading;

namespace AcrCloud.PowerShell
{
    /// <summary>What every AcrCloud cmdlet shares: Ctrl+C cancels whatever it is waiting for.</summary>
    public abstract class AcrCloudCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        // The first cmdlet that runs, not the import, pays for loading the engine.
        static AcrCloudCmdlet() => ModuleInitializer.PresentJsonObjectsAsViews();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        protected sealed override void BeginProcessing()
        {
            FormatData.EnsureLoaded(this);
            Begin();
        }

        /// <summary>What a cmdlet does before the first input (BeginProcessing, after the module's views are in place).</summary>
        protected virtual void Begin()
        {
        }

        /// <summary>The session's default connection, or an error that says to run Connect-AcrCloud.</summary>
        internal static AcrCloudConnection? ResolveConnection(AcrCloudConnection? explicitConnection, out ErrorRecord? error)
        {
            var connection = explicitConnection ?? ConnectionStore.Current;
            error = connection == null ? AcrCloudErrors.NotConnected()
                : !connection.IsOpen ? AcrCloudErrors.Closed()
                : null;
            return error == null ? connection : null;
        }

        /// <summary>Releases what a derived cmdlet holds; called once when PowerShell disposes of the cmdlet.</summary>
        protected virtual void DisposeResources()
        {
        }

        public void Dispose()
        {
            // A pipeline can end early (Select-Object -First, -ErrorAction Stop): requests still running must stop too.
            _stopping.Cancel();
            DisposeResources();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
