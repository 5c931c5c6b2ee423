using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AcrCloud.PowerShell
{
    /// <summary>Runs queued work a few at a time and hands the results back in the order the work was queued.
    /// At most <c>limit</c> items are in progress at once (one that was taken and still runs included), and at most
    /// <c>limit</c> are started and not yet taken, so memory is bounded by the largest few results,
    /// not by how much was queued.</summary>
    internal sealed class OrderedWork<T>
    {
        private readonly Queue<Func<Task<T>>> _waiting = new Queue<Func<Task<T>>>();
        private readonly Queue<Task<T>> _started = new Queue<Task<T>>();
        private readonly int _limit;

        public OrderedWork(int limit)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
            _limit = limit;
        }

        /// <summary>Items queued and not yet taken.</summary>
        public int Count => _waiting.Count + _started.Count;

        public void Enqueue(Func<Task<T>> work)
        {
            _waiting.Enqueue(work);
            StartMore(0);
        }

        /// <summary>Whether the next result in order has finished.</summary>
        public bool NextIsReady => _started.Count > 0 && _started.Peek().IsCompleted;

        /// <summary>The next result in order (finished or not); starts the next waiting item in its place.</summary>
        public Task<T> TakeNext()
        {
            StartMore(0);
            if (_started.Count == 0) throw new InvalidOperationException("Nothing is queued.");
            var next = _started.Dequeue();
            // Taken but still running, it keeps its place: never more than the limit are in progress at once.
            StartMore(next.IsCompleted ? 0 : 1);
            return next;
        }

        private void StartMore(int running = 0)
        {
            while (_started.Count + running < _limit && _waiting.Count > 0)
            {
                var work = _waiting.Dequeue();
                // Off the pipeline thread: the request and the JSON conversion both run there.
                _started.Enqueue(Task.Run(work));
            }
        }
    }
}
