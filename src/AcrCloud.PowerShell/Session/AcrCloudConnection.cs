using System;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>A connection to the ACRCloud console API: where it goes and how it retries. It holds the bearer
    /// token privately; no public member, view or serialisation of this object reveals it.</summary>
    public sealed class AcrCloudConnection
    {
        internal AcrCloudConnection(ApiClient client)
        {
            Client = client;
        }

        internal ApiClient Client { get; }

        /// <summary>The API's base URL; the token is sent to this origin only.</summary>
        public string BaseUrl => Client.Options.BaseUri.AbsoluteUri.TrimEnd('/');

        /// <summary>Retries after the first attempt for transient failures.</summary>
        public int MaxRetries => Client.Options.MaxRetries;

        /// <summary>Seconds; the wait before retry n (n ≥ 2) is BackoffFactor × 2^(n−1).</summary>
        public double BackoffFactor => Client.Options.BackoffFactorSeconds;

        /// <summary>Seconds each attempt may take.</summary>
        public double TimeoutSec => Client.Options.AttemptTimeout.TotalSeconds;

        /// <summary>The most bytes one answer may have once decompressed.</summary>
        public long MaxResponseSize => Client.Options.MaxResponseBytes;

        /// <summary>False once Disconnect-AcrCloud has closed it.</summary>
        public bool IsOpen => !Client.IsDisposed;

        /// <summary>Closes the client; its token can no longer be used.</summary>
        internal void Close() => Client.Dispose();

        public override string ToString() => $"AcrCloud connection to {BaseUrl}";
    }
}
