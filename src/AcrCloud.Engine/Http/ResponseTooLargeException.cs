using System;

namespace AcrCloud.Engine
{
    /// <summary>An answer's body grew beyond the connection's bound (once decompressed): it was cut off, and
    /// nothing of it is used. Not transient: the same answer would come again.</summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(long limit, long? announced)
            : base(announced.HasValue
                ? $"The answer announces {announced.Value:N0} bytes, more than the {limit:N0} bytes allowed."
                : $"The answer's body grew beyond the {limit:N0} bytes allowed (after decompression) and was cut off.")
        {
            Limit = limit;
        }

        public long Limit { get; }
    }
}
