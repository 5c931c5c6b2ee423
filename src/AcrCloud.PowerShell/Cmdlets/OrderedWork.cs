using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AcrCloud.PowerShell
{
    /// <summary>Runs queued work a few at a time and hands the results back in the order the work was queued.
    /// At most <c>limit</c> items are in progress at once (one that was taken and still runs included), and at most
    /// <c>limit</c> are started and not yet taken, so memory is bounded by the largest few results,
    /// not by how much was queued.</summary>
    /// <remarks>Work queued in two stages (fetch, then finish) is finished only when it is among the next
    /// <c>finishAhead</c> in order. A fetched body is one array the garbage collector never looks into; a finished
    /// day is thousands of small objects, and every one that waits for its turn survives each collection meanwhile
    /// and is copied into an older generation. Finishing just ahead of the consumer keeps the workers busy
    /// while few parsed days are alive at a time.</remarks>
    internal sealed class OrderedWork<T>
    {
        private readonly Queue<Item> _waiting = new Queue<Item>();
        private readonly Queue<Item> _started = new Queue<Item>();
        private readonly int _limit;
        private readonly int _finishAhead;

        public OrderedWork(int limit, int finishAhead = 2)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
            if (finishAhead < 1) throw new ArgumentOutOfRangeException(nameof(finishAhead));
            _limit = limit;
            _finishAhead = finishAhead;
        }

        /// <summary>Items queued and not yet taken.</summary>
        public int Count => _waiting.Count + _started.Count;

        public void Enqueue(Func<Task<T>> work)
        {
            _waiting.Enqueue(new Item(work, null));
            StartMore(0);
        }

        /// <summary>Queues work whose <paramref name="finish"/> runs, on a worker, only once the item is among the next
        /// few in order; a <paramref name="fetch"/> that throws hands its exception back in its turn, unfinished.</summary>
        public void Enqueue<TFetched>(Func<Task<TFetched>> fetch, Func<TFetched, T> finish)
        {
            // Asynchronous continuations: opening the gate on the pipeline thread must not run the finish there.
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<T> Work()
            {
                var fetched = await fetch().ConfigureAwait(false);
                await gate.Task.ConfigureAwait(false);
                return finish(fetched);
            }

            _waiting.Enqueue(new Item(Work, gate));
            StartMore(0);
        }

        /// <summary>Whether the next result in order has finished.</summary>
        public bool NextIsReady => _started.Count > 0 && _started.Peek().Task!.IsCompleted;

        /// <summary>The next result in order (finished or not); starts the next waiting item in its place.</summary>
        public Task<T> TakeNext()
        {
            StartMore(0);
            if (_started.Count == 0) throw new InvalidOperationException("Nothing is queued.");
            var next = _started.Dequeue().Task!;
            // Taken but still running, it keeps its place: never more than the limit are in progress at once.
            StartMore(next.IsCompleted ? 0 : 1);
            return next;
        }

        private void StartMore(int running)
        {
            while (_started.Count + running < _limit && _waiting.Count > 0)
            {
                var item = _waiting.Dequeue();
                // Off the pipeline thread: the request and the JSON conversion both run there.
                _started.Enqueue(new Item(item.Work, item.Gate, Task.Run(item.Work)));
            }

            var ahead = 0;
            foreach (var item in _started)
            {
                if (ahead++ == _finishAhead) break;
                item.Gate?.TrySetResult(true);
            }
        }

        private readonly struct Item
        {
            public Item(Func<Task<T>> work, TaskCompletionSource<bool>? gate, Task<T>? task = null)
            {
                Work = work;
                Gate = gate;
                Task = task;
            }

            public Func<Task<T>> Work { get; }

            public TaskCompletionSource<bool>? Gate { get; }

            public Task<T>? Task { get; }
        }
    }
}
