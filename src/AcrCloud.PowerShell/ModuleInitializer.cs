using System.Management.Automation;
using System.Runtime.CompilerServices;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Runs when PowerShell imports the module: first the dependency loader, so the engine and its libraries
    /// come from the module's own Dependencies folder, then the hand-over of JSON objects to the adapted view.
    /// Nothing here touches the network, builds an HTTP client or parses JSON.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport()
        {
            DependencyLoader.Register();
            PresentJsonObjectsAsViews();
        }

        // Kept out of OnImport so that no engine type is needed before the loader is in place.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void PresentJsonObjectsAsViews() =>
            JsonObjectSource.Present = source => PSObject.AsPSObject(new JsonObjectView(source));
    }
}
