using System;

namespace AcrCloud.Engine
{
    /// <summary>How an <see cref="ApiClient"/> reaches the API and rides out transient faults.</summary>
    internal sealed class ApiClientOptions
    {
        /// <summary>1 GiB: a month of a busy stream is a few hundred MB at most, and anything larger is a fault.</summary>
        public const long DefaultMaxResponseBytes = 1L << 30;

        /// <summary>What one body may hold in memory: a byte array's limit.</summary>
        public const long MaxMaxResponseBytes = 0x7FFFFFC7;

        public ApiClientOptions(Uri baseUri, int maxRetries, double backoffFactorSeconds, TimeSpan attemptTimeout, long maxResponseBytes = DefaultMaxResponseBytes)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri) throw new ArgumentException("The base URL must be absolute.", nameof(baseUri));
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            if (backoffFactorSeconds < 0 || double.IsNaN(backoffFactorSeconds)) throw new ArgumentOutOfRangeException(nameof(backoffFactorSeconds));
            if (attemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(attemptTimeout));
            if (maxResponseBytes < 1 || maxResponseBytes > MaxMaxResponseBytes) throw new ArgumentOutOfRangeException(nameof(maxResponseBytes));
            MaxResponseBytes = maxResponseBytes;
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

        /// <summary>The most bytes one answer's body may have once decompressed; a larger one is cut off.</summary>
        public long MaxResponseBytes { get; }

        public ApiClientOptions With(int? maxRetries = null, double? backoffFactorSeconds = null, TimeSpan? attemptTimeout = null, long? maxResponseBytes = null) =>
            new ApiClientOptions(BaseUri, maxRetries ?? MaxRetries, backoffFactorSeconds ?? BackoffFactorSeconds, attemptTimeout ?? AttemptTimeout, maxResponseBytes ?? MaxResponseBytes);
    }
}
