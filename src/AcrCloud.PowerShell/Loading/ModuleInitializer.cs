using System.Management.Automation;
using System.Runtime.CompilerServices;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Runs when PowerShell imports the module and when it removes it, as a pair: import only puts the
    /// dependency loader in place, so that the engine and its libraries come from the module's own Dependencies
    /// folder once a cmdlet first needs them; removal closes the session's connections and takes the loader away again. Nothing here loads the engine, touches
    /// the network, builds an HTTP client or parses JSON.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyLoader.Register();

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            ConnectionStore.CloseAll();
            DependencyLoader.Unregister();
        }

        /// <summary>Hands the engine's JSON objects to the adapted view; called before a cmdlet first runs.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static void PresentJsonObjectsAsViews()
        {
            JsonObjectSource.SourceOf = value => (value as JsonObjectView)?.Source;
            JsonObjectSource.Present = JsonObjectView.For;
        }
    }
}
