using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace AcrCloud.PowerShell
{
    /// <summary>The default connection of each PowerShell session, and every connection the session opened. Keyed by
    /// runspace so that a new runspace, thread job or ForEach-Object -Parallel block never picks up another session's
    /// token by accident.</summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new ConditionalWeakTable<Runspace, Holder>();

        private sealed class Holder
        {
            public AcrCloudConnection? Connection;

            // Weakly: a -PassThru connection the user dropped is not kept alive just to be closed later.
            public readonly List<WeakReference<AcrCloudConnection>> Opened = new List<WeakReference<AcrCloudConnection>>();
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

        /// <summary>Makes a new connection the session's default and remembers it, so that removing the module can close it.</summary>
        public static void Open(AcrCloudConnection connection)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            var holder = Connections.GetValue(runspace, _ => new Holder());
            lock (holder.Opened)
            {
                holder.Opened.RemoveAll(reference => !reference.TryGetTarget(out var known) || !known.IsOpen);
                holder.Opened.Add(new WeakReference<AcrCloudConnection>(connection));
            }

            holder.Connection = connection;
        }

        /// <summary>Closes and forgets every connection this session opened: the assembly stays loaded after
        /// Remove-Module, and its tokens must not outlive the module.</summary>
        public static void CloseAll()
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null || !Connections.TryGetValue(runspace, out var holder)) return;
            holder.Connection = null;
            List<WeakReference<AcrCloudConnection>> opened;
            lock (holder.Opened)
            {
                opened = new List<WeakReference<AcrCloudConnection>>(holder.Opened);
                holder.Opened.Clear();
            }

            foreach (var reference in opened)
            {
                if (reference.TryGetTarget(out var connection)) connection.Close();
            }
        }
    }
}
