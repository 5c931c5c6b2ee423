using System.Collections.Generic;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>What one request produced: the converted values, or the error to report (never both).</summary>
    internal sealed class RequestResult
    {
        private RequestResult(List<object?>? values, ErrorRecord? error, ApiResponse? response)
        {
            Values = values ?? new List<object?>();
            Error = error;
            Response = response;
        }

        public List<object?> Values { get; }

        public ErrorRecord? Error { get; }

        /// <summary>The final HTTP answer, when one arrived.</summary>
        public ApiResponse? Response { get; }

        public bool Succeeded => Error == null;

        public static RequestResult Success(List<object?> values, ApiResponse response) => new RequestResult(values, null, response);

        /// <summary>A successful answer whose body is not converted yet (no values).</summary>
        public static RequestResult Received(ApiResponse response) => new RequestResult(null, null, response);

        /// <summary>The same values without the answer, so that a day waiting its turn in the output does not also
        /// hold its body's bytes.</summary>
        public RequestResult WithoutResponse() => Response == null ? this : new RequestResult(Values, Error, null);

        /// <summary>What a stream-day that sent nothing outputs in its turn.</summary>
        public static RequestResult Done(object? value) => new RequestResult(new List<object?> { value }, null, null);

        public static RequestResult Failure(ErrorRecord error, ApiResponse? response = null) => new RequestResult(null, error, response);
    }
}
