using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;

namespace AcrCloud.PowerShell
{
    /// <summary>Loads the engine and the libraries it uses (Polly.Core, System.Text.Json and their helpers) from the
    /// module's Dependencies folder so that they neither break nor are broken by other modules' versions in the same
    /// session. Only this cmdlet assembly sits in the module root, and only BCL and PowerShell types cross over.</summary>
    internal static class DependencyLoader
    {
        internal const string EngineName = "AcrCloud.Engine";
        private static int _registered;

        internal static string Folder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".", "Dependencies");

        public static void Register()
        {
            if (Interlocked.Exchange(ref _registered, 1) == 1) return;
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
            {
                RegisterForWindowsPowerShell();
            }
            else
            {
                RegisterForPowerShell();
            }
        }

        // PowerShell 7: a private load context keeps our versions apart from any other module's.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterForPowerShell()
        {
            var context = new DependencyLoadContext(Folder);
            AssemblyLoadContext.Default.Resolving += (_, name) =>
                string.Equals(name.Name, EngineName, StringComparison.OrdinalIgnoreCase) ? context.LoadFromAssemblyName(name) : null;
        }

        // Windows PowerShell 5.1 has no load contexts: Microsoft's documented pattern answers AssemblyResolve for the
        // files in our Dependencies folder only, and leaves every other request alone.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterForWindowsPowerShell()
        {
            AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
            {
                var name = new AssemblyName(args.Name).Name;
                var path = Path.Combine(Folder, name + ".dll");
                return name != null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
            };
        }
    }

    /// <summary>The engine's own load context: it takes our copy of a library unless the runtime ships one at least
    /// as new (System.Text.Json on PowerShell 7), and leaves PowerShell's own assemblies to the default context.</summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;
        private readonly Lazy<Dictionary<string, string>> _platformAssemblies = new Lazy<Dictionary<string, string>>(ReadPlatformAssemblies);

        public DependencyLoadContext(string folder)
            : base()
        {
            _folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            if (!File.Exists(path)) return null;
            if (!string.Equals(assemblyName.Name, DependencyLoader.EngineName, StringComparison.OrdinalIgnoreCase) &&
                _platformAssemblies.Value.TryGetValue(assemblyName.Name!, out var platformPath) &&
                AssemblyName.GetAssemblyName(platformPath).Version >= AssemblyName.GetAssemblyName(path).Version)
            {
                return null;
            }

            return LoadFromAssemblyPath(path);
        }

        private static Dictionary<string, string> ReadPlatformAssemblies()
        {
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                found[Path.GetFileNameWithoutExtension(path)] = path;
            }

            return found;
        }
    }
}
