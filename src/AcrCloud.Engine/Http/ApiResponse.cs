using System;
using System.Collections.Generic;

namespace AcrCloud.Engine
{
    /// <summary>Why a redirect was not followed (the answer is then the redirect itself).</summary>
    internal enum RedirectRefusal
    {
        None,
        /// <summary>The token is only sent to the connection's own origin.</summary>
        OtherOrigin,
        /// <summary>A 301, 302 or 303 would turn a change into a GET and lose its body.</summary>
        MethodChange,
        /// <summary>A chain longer than the client follows, such as a loop.</summary>
        TooMany,
    }

    /// <summary>A complete HTTP answer: the body is read whole inside the attempt, so a connection
    /// dropped mid-body is a transient failure rather than half a result.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(Uri requestUri, int statusCode, string reasonPhrase, IReadOnlyDictionary<string, string[]> headers, byte[] body, int attempts)
        {
            RequestUri = requestUri;
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Headers = headers;
            Body = body;
            Attempts = attempts;
        }

        public Uri RequestUri { get; }
        public int StatusCode { get; }
        public string ReasonPhrase { get; }
        public IReadOnlyDictionary<string, string[]> Headers { get; }
        public byte[] Body { get; }
        public int Attempts { get; }
        public RedirectRefusal RedirectRefusal { get; set; }

        /// <summary>Where the redirect that was not followed pointed.</summary>
        public Uri? RefusedLocation { get; set; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;

        public string? GetHeader(string name) =>
            Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;
    }
}
