using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace AcrCloud.PowerShell
{
    /// <summary>Runs asynchronous work off the pipeline thread while the pipeline thread carries out what the work
    /// asks for (verbose lines, for instance): PowerShell lets a cmdlet write only from its own thread.</summary>
    internal static class MainThreadPump
    {
        public static T Run<T>(Func<Action<Action>, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            using var queue = new BlockingCollection<Action>();
            void Post(Action action)
            {
                try
                {
                    queue.Add(action);
                }
                catch (InvalidOperationException)
                {
                    // The work has finished (ObjectDisposedException included); a late message has nowhere to go.
                }
            }

            var task = Task.Run(() => work(Post, cancellationToken), cancellationToken);
            task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var action in queue.GetConsumingEnumerable()) action();
            return task.GetAwaiter().GetResult();
        }
    }
}
