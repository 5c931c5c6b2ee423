using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace AcrCloud.Engine
{
    /// <summary>Builds the Polly pipeline that applies <see cref="RetryRules"/>.</summary>
    internal static class RetryPipelineFactory
    {
        private static readonly object RandomLock = new object();
        private static readonly Random Random = new Random();

        /// <summary>Called before each retry with the outcome that failed, the 1-based attempt that failed and the wait.</summary>
        public delegate void RetryObserver(ResilienceContext context, Outcome<ApiResponse> failed, int failedAttempt, TimeSpan wait);

        public static ResiliencePipeline<ApiResponse> Create(int maxRetries, double backoffFactorSeconds, RetryObserver onRetry)
        {
            if (maxRetries == 0) return ResiliencePipeline<ApiResponse>.Empty;

            var options = new RetryStrategyOptions<ApiResponse>
            {
                MaxRetryAttempts = maxRetries,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is Exception exception
                        ? RetryRules.IsTransientException(exception)
                        : RetryRules.IsTransientStatus(args.Outcome.Result!.StatusCode) && !RetryRules.AsksTooLong(args.Outcome.Result)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(DelayFor(args.Outcome, args.AttemptNumber + 1, backoffFactorSeconds)),
                OnRetry = args =>
                {
                    onRetry(args.Context, args.Outcome, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            };
            return new ResiliencePipelineBuilder<ApiResponse>().AddRetry(options).Build();
        }

        private static TimeSpan DelayFor(Outcome<ApiResponse> outcome, int retryNumber, double backoffFactorSeconds)
        {
            // A Retry-After paused the whole connection (ConnectionThrottle): the next attempt waits there, with
            // every other request of the connection, rather than on its own.
            if (outcome.Result != null && RetryRules.RetryAfterOf(outcome.Result).HasValue) return TimeSpan.Zero;

            double unit;
            lock (RandomLock) unit = Random.NextDouble();
            return RetryRules.WithJitter(RetryRules.NominalBackoff(retryNumber, backoffFactorSeconds), unit);
        }
    }
}
