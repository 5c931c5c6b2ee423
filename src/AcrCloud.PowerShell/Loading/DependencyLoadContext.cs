using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AcrCloud.PowerShell
{
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
