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
                        : RetryRules.IsTransientStatus(args.Outcome.Result!.StatusCode)),
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
            var response = outcome.Result;
            if (response != null && RetryRules.HonoursRetryAfter(response.StatusCode))
            {
                var retryAfter = RetryRules.ParseRetryAfter(response.GetHeader("Retry-After"), DateTimeOffset.UtcNow);
                if (retryAfter.HasValue) return retryAfter.Value;
            }

            double unit;
            lock (RandomLock) unit = Random.NextDouble();
            return RetryRules.WithJitter(RetryRules.NominalBackoff(retryNumber, backoffFactorSeconds), unit);
        }
    }
}
