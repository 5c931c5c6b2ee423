using System;
using System.Collections;

namespace AcrCloud.PowerShell
{
    /// <summary>An ACRCloud request that failed: the HTTP status and the API's own message when an answer came,
    /// or the network failure when none did.</summary>
    public sealed class AcrCloudRequestException : Exception
    {
        /// <summary>How much of an error body is kept, so an HTML proxy page cannot flood the console.</summary>
        public const int MaxBodyLength = 4096;

        internal AcrCloudRequestException(string message, string method, Uri requestUri, int? statusCode, string? apiMessage,
            string? responseBody, Hashtable? fieldErrors, int attempts, Exception? innerException = null)
            : base(message, innerException)
        {
            Method = method;
            RequestUri = requestUri;
            StatusCode = statusCode;
            ApiMessage = apiMessage;
            ResponseBody = responseBody == null || responseBody.Length <= MaxBodyLength
                ? responseBody
                : responseBody.Substring(0, MaxBodyLength) + $"… ({responseBody.Length - MaxBodyLength} more characters)";
            FieldErrors = fieldErrors;
            Attempts = attempts;
        }

        public string Method { get; }

        public Uri RequestUri { get; }

        /// <summary>The HTTP status, or null when no answer arrived.</summary>
        public int? StatusCode { get; }

        /// <summary>The API's <c>message</c>, when the answer carried one.</summary>
        public string? ApiMessage { get; }

        /// <summary>The start of the answer's body (at most <see cref="MaxBodyLength"/> characters).</summary>
        public string? ResponseBody { get; }

        /// <summary>The API's validation errors by field (HTTP 422), else null.</summary>
        public Hashtable? FieldErrors { get; }

        /// <summary>How many attempts were made, retries included.</summary>
        public int Attempts { get; }
    }
}
