using System;

namespace AcrCloud.Engine
{
    /// <summary>How an <see cref="ApiClient"/> reaches the API and rides out transient faults.</summary>
    internal sealed class ApiClientOptions
    {
        public ApiClientOptions(Uri baseUri, int maxRetries, double backoffFactorSeconds, TimeSpan attemptTimeout)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri) throw new ArgumentException("The base URL must be absolute.", nameof(baseUri));
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            if (backoffFactorSeconds < 0 || double.IsNaN(backoffFactorSeconds)) throw new ArgumentOutOfRangeException(nameof(backoffFactorSeconds));
            if (attemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(attemptTimeout));
            BaseUri = baseUri;
            MaxRetries = maxRetries;
            BackoffFactorSeconds = backoffFactorSeconds;
            AttemptTimeout = attemptTimeout;
        }

        public Uri BaseUri { get; }

        /// <summary>Retries after the first attempt: 0 means one attempt in total.</summary>
        public int MaxRetries { get; }

        public double BackoffFactorSeconds { get; }

        public TimeSpan AttemptTimeout { get; }

        public ApiClientOptions With(int? maxRetries = null, double? backoffFactorSeconds = null, TimeSpan? attemptTimeout = null) =>
            new ApiClientOptions(BaseUri, maxRetries ?? MaxRetries, backoffFactorSeconds ?? BackoffFactorSeconds, attemptTimeout ?? AttemptTimeout);
    }
}
