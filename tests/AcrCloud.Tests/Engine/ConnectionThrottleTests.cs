using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AcrCloud.Engine;
using Xunit;

namespace AcrCloud.Tests.Engine
{
    public class ConnectionThrottleTests
    {
        private long _now = 1;

        private ConnectionThrottle Create(int max) => new ConnectionThrottle(max, () => _now);

        private void Advance(TimeSpan by) => _now += (long)(by.TotalSeconds * Stopwatch.Frequency);

        [Fact]
        public async Task A_burst_of_429s_halves_the_window_once()
        {
            var throttle = Create(8);
            var leases = new ConnectionThrottle.Lease[8];
            for (var i = 0; i < 8; i++) leases[i] = await throttle.EnterAsync(CancellationToken.None);
            Assert.Equal(4, throttle.Complete(leases[0], 429));
            for (var i = 1; i < 8; i++) Assert.Null(throttle.Complete(leases[i], 429));
            Assert.Equal(4, throttle.Window);
        }

        [Fact]
        public async Task A_429_after_the_decrease_halves_it_again()
        {
            var throttle = Create(8);
            var first = await throttle.EnterAsync(CancellationToken.None);
            var second = await throttle.EnterAsync(CancellationToken.None);
            Assert.Equal(1, throttle.Complete(first, 429));
            Assert.Null(throttle.Complete(second, 429));
            var later = await throttle.EnterAsync(CancellationToken.None);
            Assert.Equal(1, throttle.Complete(later, 429));
            Assert.Equal(1, throttle.Window);
        }

        [Fact]
        public async Task The_window_grows_by_one_per_interval_of_successes_and_never_above_its_maximum()
        {
            var throttle = Create(3);
            var a = await throttle.EnterAsync(CancellationToken.None);
            var b = await throttle.EnterAsync(CancellationToken.None);
            throttle.Complete(a, 429);
            throttle.Complete(b, 429);
            Assert.Equal(1, throttle.Window);
            for (var i = 0; i < 50; i++) throttle.Complete(await throttle.EnterAsync(CancellationToken.None), 200);
            Assert.Equal(1, throttle.Window);
            for (var round = 0; round < 5; round++)
            {
                Advance(ConnectionThrottle.GrowthInterval);
                for (var i = 0; i < 3; i++) throttle.Complete(await throttle.EnterAsync(CancellationToken.None), 200);
            }

            Assert.Equal(3, throttle.Window);
        }

        [Fact]
        public async Task A_request_beyond_the_window_waits_for_a_place()
        {
            var throttle = Create(1);
            var held = await throttle.EnterAsync(CancellationToken.None);
            var waiting = throttle.EnterAsync(CancellationToken.None);
            await Task.Delay(50);
            Assert.False(waiting.IsCompleted);
            throttle.Complete(held, 200);
            throttle.Complete(await waiting.WaitAsync(TimeSpan.FromSeconds(5)), 200);
        }

        [Fact]
        public async Task A_waiting_request_can_be_cancelled_and_gives_no_place_away()
        {
            var throttle = Create(1);
            var held = await throttle.EnterAsync(CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            var waiting = throttle.EnterAsync(cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            throttle.Complete(held, 200);
            throttle.Complete(await throttle.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)), 200);
        }

        [Fact]
        public void Only_the_request_that_begins_a_pause_says_so()
        {
            var throttle = Create(8);
            Assert.True(throttle.Pause(TimeSpan.FromSeconds(1)));
            Assert.False(throttle.Pause(TimeSpan.FromSeconds(2)));
            Assert.InRange(throttle.PauseRemaining.TotalSeconds, 1.99, 2.01);
            Advance(TimeSpan.FromSeconds(3));
            Assert.Equal(TimeSpan.Zero, throttle.PauseRemaining);
            Assert.True(throttle.Pause(TimeSpan.FromSeconds(1)));
        }
    }
}
