using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace AcrCloud.PowerShell
{
    /// <summary>Lets asynchronous work ask the pipeline thread to do things (write a verbose line, for instance),
    /// because PowerShell lets a cmdlet write only from its own thread. The pipeline thread carries out what was
    /// posted while it waits for a task.</summary>
    internal sealed class MainThreadDispatcher : IDisposable
    {
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();

        /// <summary>Queues an action for the pipeline thread; safe from any thread, and a no-op once disposed.</summary>
        public void Post(Action action)
        {
            try
            {
                _queue.Add(action);
            }
            catch (InvalidOperationException)
            {
                // Disposed (ObjectDisposedException is one): the cmdlet has finished and nobody is listening.
            }
        }

        /// <summary>Waits for a task on the pipeline thread, carrying out posted actions meanwhile.</summary>
        public T WaitFor<T>(Task<T> task)
        {
            if (!task.IsCompleted)
            {
                // Wakes the loop below when the task ends.
                task.ContinueWith(_ => Post(() => { }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (!task.IsCompleted) _queue.Take()();
            }

            Drain();
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Carries out what has been posted so far without waiting.</summary>
        public void Drain()
        {
            while (_queue.TryTake(out var action)) action();
        }

        public void Dispose() => _queue.Dispose();
    }
}
