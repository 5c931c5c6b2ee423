using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace AcrCloud.Engine
{
    /// <summary>What every request of one connection shares about the server's patience: a pause that a
    /// Retry-After asks for, which holds back every request of the connection (those waiting to retry and those not
    /// yet sent), and how many requests may be in flight, which halves on a 429 and grows back slowly.</summary>
    internal sealed class ConnectionThrottle
    {
        /// <summary>The window never grows faster than one request per this interval, so a rate limit that was just
        /// reached is not run into again at once.</summary>
        public static readonly TimeSpan GrowthInterval = TimeSpan.FromSeconds(2);

        private readonly object _gate = new object();
        private readonly LinkedList<TaskCompletionSource<long>> _waiting = new LinkedList<TaskCompletionSource<long>>();
        private readonly Func<long> _clock;
        private readonly int _max;
        private int _window;
        private int _inFlight;
        private long _pausedUntil;
        private long _lastChange;
        private int _successesSinceChange;

        // Bumped at every decrease: a 429 to a request sent before the last decrease belongs to the same burst.
        private long _epoch;

        /// <param name="max">The most requests in flight at any time (the window starts there).</param>
        /// <param name="clock">Monotonic ticks (Stopwatch ticks); tests pass their own.</param>
        public ConnectionThrottle(int max, Func<long>? clock = null)
        {
            if (max < 1) throw new ArgumentOutOfRangeException(nameof(max));
            _max = _window = max;
            _clock = clock ?? Stopwatch.GetTimestamp;
            _lastChange = _clock();
        }

        /// <summary>How many requests may be in flight now.</summary>
        public int Window
        {
            get
            {
                lock (_gate) return _window;
            }
        }

        /// <summary>How long the connection's pause still lasts (zero when there is none).</summary>
        public TimeSpan PauseRemaining
        {
            get
            {
                var ticks = Interlocked.Read(ref _pausedUntil) - _clock();
                return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);
            }
        }

        /// <summary>Waits for the connection's pause to end and for a place in the window; the lease is handed back
        /// with <see cref="Complete"/>.</summary>
        public async Task<Lease> EnterAsync(CancellationToken cancellationToken)
        {
            await WaitForPauseAsync(cancellationToken).ConfigureAwait(false);
            TaskCompletionSource<long> turn;
            lock (_gate)
            {
                if (_inFlight < _window)
                {
                    _inFlight++;
                    return new Lease(_epoch);
                }

                turn = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(turn);
            }

            long epoch;
            using (cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (turn.TrySetCanceled()) _waiting.Remove(turn);
                }
            }))
            {
                // A place is handed over when one frees up (see WakeWaiting), so a newcomer cannot take it first.
                epoch = await turn.Task.ConfigureAwait(false);
            }

            var lease = new Lease(epoch);
            try
            {
                // A pause may have begun while this one waited for its place.
                await WaitForPauseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Complete(lease, null);
                throw;
            }

            return lease;
        }

        private async Task WaitForPauseAsync(CancellationToken cancellationToken)
        {
            for (var pause = PauseRemaining; pause > TimeSpan.Zero; pause = PauseRemaining)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Hands a lease back with what its request got: a status, or null when no answer came.
        /// Returns the new window when this answer made it smaller, else null.</summary>
        public int? Complete(Lease lease, int? status)
        {
            int? shrunk = null;
            lock (_gate)
            {
                _inFlight--;
                var now = _clock();
                if (status == 429)
                {
                    if (lease.Epoch == _epoch)
                    {
                        // Halved from what was really in flight, not from a window that was never used.
                        var used = Math.Min(_window, _inFlight + 1);
                        _window = Math.Max(1, used / 2);
                        _epoch++;
                        _lastChange = now;
                        _successesSinceChange = 0;
                        shrunk = _window;
                    }
                }
                else if (status.HasValue && status.Value < 400 && _window < _max)
                {
                    _successesSinceChange++;
                    if (_successesSinceChange >= _window && now - _lastChange >= (long)(GrowthInterval.TotalSeconds * Stopwatch.Frequency))
                    {
                        _window++;
                        _lastChange = now;
                        _successesSinceChange = 0;
                    }
                }

                WakeWaiting();
            }

            return shrunk;
        }

        /// <summary>Holds back every request of the connection for <paramref name="wait"/>. True when no pause was
        /// on before, so that only the request that began it says so.</summary>
        public bool Pause(TimeSpan wait)
        {
            var until = _clock() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            lock (_gate)
            {
                var began = _pausedUntil <= _clock();
                if (until > _pausedUntil) Interlocked.Exchange(ref _pausedUntil, until);
                return began;
            }
        }

        private void WakeWaiting()
        {
            while (_inFlight < _window && _waiting.First != null)
            {
                var next = _waiting.First.Value;
                _waiting.RemoveFirst();
                if (next.TrySetResult(_epoch)) _inFlight++;
            }
        }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} of {1} in flight", _inFlight, _window);

        /// <summary>A place in the window, and the epoch it was taken in.</summary>
        internal readonly struct Lease
        {
            public Lease(long epoch) => Epoch = epoch;

            public long Epoch { get; }
        }
    }
}
