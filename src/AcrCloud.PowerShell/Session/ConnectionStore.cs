using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace AcrCloud.PowerShell
{
    /// <summary>The default connection of each PowerShell session. Keyed by runspace so that a new runspace,
    /// thread job or ForEach-Object -Parallel block never picks up another session's token by accident.</summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new ConditionalWeakTable<Runspace, Holder>();

        private sealed class Holder
        {
            public AcrCloudConnection? Connection;
        }

        public static AcrCloudConnection? Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && Connections.TryGetValue(runspace, out var holder) ? holder.Connection : null;
            }

            set
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace == null) return;
                Connections.GetValue(runspace, _ => new Holder()).Connection = value;
            }
        }
    }
}
