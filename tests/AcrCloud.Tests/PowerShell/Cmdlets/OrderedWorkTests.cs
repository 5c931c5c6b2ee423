using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class OrderedWorkTests
    {
        // Work whose start is counted and whose end each test decides.
        private sealed class Gates
        {
            private int _started;

            public List<TaskCompletionSource<int>> Ends { get; } = new List<TaskCompletionSource<int>>();

            public int Started => Volatile.Read(ref _started);

            public Func<Task<int>> Next()
            {
                var end = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                Ends.Add(end);
                return () =>
                {
                    Interlocked.Increment(ref _started);
                    return end.Task;
                };
            }

            // Started work runs on the thread pool: give it time to begin, on a loaded machine too.
            public async Task WaitForStarted(int count)
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (Started < count && DateTime.UtcNow < deadline) await Task.Delay(5);
                Assert.Equal(count, Started);
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void Needs_a_limit_of_at_least_one(int limit) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedWork<int>(limit));

        [Fact]
        public async Task Hands_results_back_in_queue_order_whatever_order_they_finish_in()
        {
            var gates = new Gates();
            var work = new OrderedWork<int>(5);
            for (var i = 0; i < 5; i++) work.Enqueue(gates.Next());
            await gates.WaitForStarted(5);
            for (var i = 4; i >= 0; i--) gates.Ends[i].SetResult(i * 10);

            var results = new List<int>();
            while (work.Count > 0) results.Add(await work.TakeNext());
            Assert.Equal(new[] { 0, 10, 20, 30, 40 }, results);
        }

        [Fact]
        public async Task Keeps_the_order_when_more_is_queued_than_may_run()
        {
            var work = new OrderedWork<int>(2);
            var ends = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            foreach (var end in ends) work.Enqueue(() => end.Task);
            foreach (var i in new[] { 5, 3, 0, 4, 1, 2 }) ends[i].SetResult(i);

            var taken = new List<int>();
            while (work.Count > 0) taken.Add(await work.TakeNext());
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, taken);
        }

        [Fact]
        public async Task Starts_at_most_limit_items_that_are_not_yet_taken()
        {
            var gates = new Gates();
            var work = new OrderedWork<int>(3);
            for (var i = 0; i < 10; i++) work.Enqueue(gates.Next());
            await gates.WaitForStarted(3);
            Assert.Equal(10, work.Count);

            // Finished but not taken still counts against the limit: memory stays bounded by what was started.
            gates.Ends[0].SetResult(0);
            gates.Ends[1].SetResult(1);
            await Task.Delay(200);
            Assert.Equal(3, gates.Started);

            // A taken item that has not finished keeps its place, so wait until the first one is seen as done
            // (on a busy thread pool its completion can lag behind SetResult).
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!work.NextIsReady && DateTime.UtcNow < deadline) await Task.Delay(5);
            Assert.Equal(0, await work.TakeNext());
            await gates.WaitForStarted(4);
            Assert.Equal(9, work.Count);
            await Task.Delay(200);
            Assert.Equal(4, gates.Started);
        }

        [Fact]
        public async Task A_taken_item_that_still_runs_keeps_its_place()
        {
            var gates = new Gates();
            var work = new OrderedWork<int>(2);
            for (var i = 0; i < 4; i++) work.Enqueue(gates.Next());
            await gates.WaitForStarted(2);
            var first = work.TakeNext();
            await Task.Delay(200);
            Assert.Equal(2, gates.Started);

            gates.Ends[0].SetResult(0);
            Assert.Equal(0, await first);
            gates.Ends[1].SetResult(1);
            Assert.Equal(1, await work.TakeNext());
            // The rest start as places free up (how many at this moment depends on the thread pool's timing).
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (gates.Started < 3 && DateTime.UtcNow < deadline) await Task.Delay(5);
            Assert.InRange(gates.Started, 3, 4);
            gates.Ends[2].SetResult(2);
            gates.Ends[3].SetResult(3);
            Assert.Equal(2, await work.TakeNext());
            Assert.Equal(3, await work.TakeNext());
            Assert.Equal(0, work.Count);
        }

        [Fact]
        public async Task Tells_whether_the_next_result_in_order_is_ready()
        {
            var gates = new Gates();
            var work = new OrderedWork<int>(2);
            Assert.False(work.NextIsReady);
            work.Enqueue(gates.Next());
            work.Enqueue(gates.Next());
            await gates.WaitForStarted(2);

            gates.Ends[1].SetResult(1);
            await Task.Delay(100);
            Assert.False(work.NextIsReady);

            gates.Ends[0].SetResult(0);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!work.NextIsReady && DateTime.UtcNow < deadline) await Task.Delay(5);
            Assert.True(work.NextIsReady);
            Assert.Equal(0, await work.TakeNext());
            Assert.True(work.NextIsReady);
            Assert.Equal(1, await work.TakeNext());
            Assert.False(work.NextIsReady);
        }

        [Fact]
        public async Task Hands_back_a_failure_in_its_place_and_goes_on_with_the_rest()
        {
            var work = new OrderedWork<string>(2);
            work.Enqueue(() => Task.FromResult("first"));
            work.Enqueue(() => throw new InvalidOperationException("thrown before any task"));
            work.Enqueue(async () =>
            {
                await Task.Yield();
                throw new TimeoutException("failed later");
            });
            work.Enqueue(() => Task.FromResult("last"));

            Assert.Equal("first", await work.TakeNext());
            Assert.Equal("thrown before any task", (await Assert.ThrowsAsync<InvalidOperationException>(() => work.TakeNext())).Message);
            Assert.Equal("failed later", (await Assert.ThrowsAsync<TimeoutException>(() => work.TakeNext())).Message);
            Assert.Equal("last", await work.TakeNext());
            Assert.Equal(0, work.Count);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void Needs_to_finish_at_least_one_ahead(int finishAhead) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedWork<int>(4, finishAhead));

        // Two-stage work whose fetch ends at once and whose finish records which item ran and on which thread.
        private sealed class Finishes
        {
            private readonly object _lock = new object();

            public List<int> Finished { get; } = new List<int>();

            public List<int> Threads { get; } = new List<int>();

            private int _fetched;

            public int Fetched => Volatile.Read(ref _fetched);

            public void Enqueue(OrderedWork<int> work, int item) =>
                work.Enqueue(() =>
                {
                    Interlocked.Increment(ref _fetched);
                    return Task.FromResult(item);
                }, fetched =>
                {
                    lock (_lock)
                    {
                        Finished.Add(fetched);
                        Threads.Add(Environment.CurrentManagedThreadId);
                    }

                    return fetched * 10;
                });

            public int[] FinishedSoFar()
            {
                lock (_lock) return Finished.OrderBy(item => item).ToArray();
            }

            public async Task WaitForFinished(int count)
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (FinishedSoFar().Length < count && DateTime.UtcNow < deadline) await Task.Delay(5);
            }
        }

        [Fact]
        public async Task Finishes_fetched_work_only_when_it_is_among_the_next_few_in_order()
        {
            var finishes = new Finishes();
            var work = new OrderedWork<int>(6, finishAhead: 2);
            for (var i = 0; i < 6; i++) finishes.Enqueue(work, i);

            // All six are fetched at once; only the first two may finish before anything is taken.
            await finishes.WaitForFinished(2);
            await Task.Delay(100);
            Assert.Equal(new[] { 0, 1 }, finishes.FinishedSoFar());

            Assert.Equal(0, await work.TakeNext());
            await finishes.WaitForFinished(3);
            await Task.Delay(50);
            Assert.Equal(new[] { 0, 1, 2 }, finishes.FinishedSoFar());

            var rest = new List<int>();
            while (work.Count > 0) rest.Add(await work.TakeNext());
            Assert.Equal(new[] { 10, 20, 30, 40, 50 }, rest);
            Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, finishes.FinishedSoFar());
        }

        [Fact]
        public async Task Finishes_off_the_thread_that_takes_the_results()
        {
            var finishes = new Finishes();
            var work = new OrderedWork<int>(3, finishAhead: 1);
            for (var i = 0; i < 5; i++) finishes.Enqueue(work, i);
            // The started items wait for their turn to finish before the taker opens it.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (finishes.Fetched < 3 && DateTime.UtcNow < deadline) await Task.Delay(5);
            await Task.Delay(50);
            var (taker, taken) = await TakeAllOnAThreadOfItsOwn(work);

            Assert.Equal(new[] { 0, 10, 20, 30, 40 }, taken);
            Assert.Equal(5, finishes.Threads.Count);
            Assert.DoesNotContain(taker, finishes.Threads);
        }

        // As the pipeline thread does: takes and waits on one thread, which opens each next item's finish.
        private static Task<(int Thread, List<int> Taken)> TakeAllOnAThreadOfItsOwn(OrderedWork<int> work)
        {
            var done = new TaskCompletionSource<(int, List<int>)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                var taken = new List<int>();
                while (work.Count > 0) taken.Add(work.TakeNext().GetAwaiter().GetResult());
                done.SetResult((Environment.CurrentManagedThreadId, taken));
            });
            thread.Start();
            return done.Task;
        }

        [Fact]
        public async Task A_failed_fetch_is_handed_back_in_its_turn_without_finishing()
        {
            var finished = new List<string>();
            var work = new OrderedWork<string>(3);
            Task<string> Fails() => Task.FromException<string>(new TimeoutException("fetch failed"));
            work.Enqueue(() => Task.FromResult("a"), fetched => { lock (finished) finished.Add(fetched); return fetched; });
            work.Enqueue(Fails, fetched => { lock (finished) finished.Add(fetched); return fetched; });
            work.Enqueue(() => Task.FromResult("c"), fetched => { lock (finished) finished.Add(fetched); return fetched; });
            work.Enqueue(() => Task.FromResult("d"));

            Assert.Equal("a", await work.TakeNext());
            Assert.Equal("fetch failed", (await Assert.ThrowsAsync<TimeoutException>(() => work.TakeNext())).Message);
            Assert.Equal("c", await work.TakeNext());
            Assert.Equal("d", await work.TakeNext());
            lock (finished) Assert.Equal(new[] { "a", "c" }, finished.OrderBy(item => item, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public async Task Refuses_to_take_when_nothing_is_queued()
        {
            var work = new OrderedWork<int>(1);
            // It refuses at once, not through the task it would return.
            Assert.Throws<InvalidOperationException>(() => { _ = work.TakeNext(); });
            work.Enqueue(() => Task.FromResult(1));
            Assert.Equal(1, await work.TakeNext());
            Assert.Throws<InvalidOperationException>(() => { _ = work.TakeNext(); });
        }
    }
}
