using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace AcrCloud.PowerShell
{
    /// <summary>Adds the module's table views to a session the first time one of its cmdlets runs there, rather
    /// than at import: loading format data is the largest part of an import's cost, and a session that only imports
    /// the module (or never shows our objects) should not pay for it.</summary>
    internal static class FormatData
    {
        internal const string FileName = "AcrCloud.format.ps1xml";
        private static readonly ConditionalWeakTable<Runspace, object> Loaded = new ConditionalWeakTable<Runspace, object>();
        private static readonly object Marker = new object();

        private static string FilePath { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(FormatData).Assembly.Location) ?? ".", FileName);

        public static void EnsureLoaded(PSCmdlet cmdlet)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null || Loaded.TryGetValue(runspace, out _) || !File.Exists(FilePath)) return;
            lock (Loaded)
            {
                if (Loaded.TryGetValue(runspace, out _)) return;
                // In a scope of its own, so that nothing it sets can touch the caller's variables.
                cmdlet.InvokeCommand.InvokeScript(true, ScriptBlock.Create("Update-FormatData -AppendPath $args[0]"), null, FilePath);
                Loaded.Add(runspace, Marker);
            }
        }
    }
}
