using System;

namespace AcrCloud.Engine
{
    /// <summary>Why no HTTP answer arrived at all.</summary>
    internal enum TransportFailure
    {
        ConnectionFailed,
        TimedOut,
    }

    /// <summary>The request never produced a complete HTTP answer (after any retries).</summary>
    internal sealed class TransportException : Exception
    {
        public TransportException(TransportFailure failure, string message, Exception? inner, int attempts)
            : base(message, inner)
        {
            Failure = failure;
            Attempts = attempts;
        }

        public TransportFailure Failure { get; }
        public int Attempts { get; }
    }
}
