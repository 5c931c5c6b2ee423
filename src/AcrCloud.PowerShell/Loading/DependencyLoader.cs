using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AcrCloud.PowerShell
{
    /// <summary>Loads the engine and the libraries it uses (Polly.Core, System.Text.Json and their helpers) from the
    /// module's Dependencies folder so that they neither break nor are broken by other modules' versions in the same
    /// session. Only this cmdlet assembly sits in the module root, and only BCL and PowerShell types cross over.
    /// Registered when the module is imported and removed again when it is removed, so a removed module leaves no
    /// resolver behind that would answer for it.</summary>
    internal static class DependencyLoader
    {
        internal const string EngineName = "AcrCloud.Engine";
        private static readonly object Gate = new object();

        internal static string Folder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".", "Dependencies");

        // Assemblies stay loaded after Remove-Module, so a re-import must find the same engine: one context for the
        // life of the process.
        private static readonly Lazy<DependencyLoadContext> Context = new Lazy<DependencyLoadContext>(() => new DependencyLoadContext(Folder));
        private static Delegate? _handler;

        /// <summary>Whether a resolver of ours is in place (for the tests that import and remove the module).</summary>
        internal static bool IsRegistered
        {
            get
            {
                lock (Gate) return _handler != null;
            }
        }

        private static bool IsWindowsPowerShell =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static void Register()
        {
            lock (Gate)
            {
                if (_handler != null) return;
                _handler = IsWindowsPowerShell ? RegisterForWindowsPowerShell() : RegisterForPowerShell();
            }
        }

        public static void Unregister()
        {
            lock (Gate)
            {
                if (_handler == null) return;
                if (IsWindowsPowerShell)
                {
                    UnregisterForWindowsPowerShell(_handler);
                }
                else
                {
                    UnregisterForPowerShell(_handler);
                }

                _handler = null;
            }
        }

        // PowerShell 7: a private load context keeps our versions apart from any other module's.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Delegate RegisterForPowerShell()
        {
            Func<AssemblyLoadContext, AssemblyName, Assembly?> handler = (_, name) =>
                string.Equals(name.Name, EngineName, StringComparison.OrdinalIgnoreCase) ? Context.Value.LoadFromAssemblyName(name) : null;
            AssemblyLoadContext.Default.Resolving += handler;
            return handler;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterForPowerShell(Delegate handler) =>
            AssemblyLoadContext.Default.Resolving -= (Func<AssemblyLoadContext, AssemblyName, Assembly?>)handler;

        // Windows PowerShell 5.1 has no load contexts: Microsoft's documented pattern answers AssemblyResolve only
        // for requests made by our own assemblies, for files in our Dependencies folder, and leaves every other
        // request (another module's Polly, say) alone.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Delegate RegisterForWindowsPowerShell()
        {
            ResolveEventHandler handler = (_, args) =>
            {
                if (!IsOurs(args.RequestingAssembly)) return null;
                var name = new AssemblyName(args.Name).Name;
                var path = Path.Combine(Folder, name + ".dll");
                return name != null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
            };
            AppDomain.CurrentDomain.AssemblyResolve += handler;
            return handler;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterForWindowsPowerShell(Delegate handler) =>
            AppDomain.CurrentDomain.AssemblyResolve -= (ResolveEventHandler)handler;

        private static bool IsOurs(Assembly? requester)
        {
            if (requester == null) return false;
            if (requester == typeof(DependencyLoader).Assembly) return true;
            var location = requester.IsDynamic ? null : requester.Location;
            return !string.IsNullOrEmpty(location) &&
                string.Equals(Path.GetDirectoryName(location), Folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
