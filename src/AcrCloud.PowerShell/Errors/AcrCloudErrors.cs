using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Every error the module reports, each with a stable ErrorId, its category and what to do next.</summary>
    internal static class AcrCloudErrors
    {
        public static ErrorRecord NotConnected() =>
            Build(new InvalidOperationException("There is no AcrCloud connection in this PowerShell session. Run Connect-AcrCloud first, or pass -Connection."),
                "AcrCloud.NotConnected", ErrorCategory.InvalidOperation, null, "Run Connect-AcrCloud -BearerToken <token>.");

        public static ErrorRecord Closed() =>
            Build(new InvalidOperationException("This AcrCloud connection was closed by Disconnect-AcrCloud. Run Connect-AcrCloud again."),
                "AcrCloud.ConnectionClosed", ErrorCategory.InvalidOperation, null, "Run Connect-AcrCloud again.");

        public static ErrorRecord TokenMissing() =>
            Build(new ArgumentException("No bearer token: pass -BearerToken or set the environment variable ACRCLOUD_BEARER_TOKEN."),
                "AcrCloud.TokenMissing", ErrorCategory.InvalidArgument, null, "Create a personal access token in the ACRCloud console.");

        public static ErrorRecord UnknownTimeZone(string id) =>
            InvalidArgument("AcrCloud.UnknownTimeZone",
                $"-TimeZone '{id}' is not a time zone this system knows; use an IANA id such as Europe/Zurich, or a Windows id.", id);

        public static ErrorRecord NotAResultRecord(object? input) =>
            Build(new InvalidDataException("The input is not an ACRCloud result record: it has no readable metadata.timestamp_utc."),
                "AcrCloud.NotAResultRecord", ErrorCategory.InvalidData, input, "Pipe the records of Get-AcrBmCsResult.");

        /// <summary>A file that is kept because it exists; <paramref name="why"/> says what would replace it.</summary>
        public static ErrorRecord FileExists(string path, string why) =>
            Build(new IOException($"The file '{path}' already exists; {why}."), "AcrCloud.FileExists", ErrorCategory.ResourceExists, path, null);

        public static ErrorRecord FolderNotFound(string folder, string path) =>
            Build(new DirectoryNotFoundException($"The folder '{folder}' of -Path '{path}' does not exist; create it first (New-Item -ItemType Directory)."),
                "AcrCloud.FolderNotFound", ErrorCategory.ObjectNotFound, path, null);

        public static ErrorRecord FileReadOnly(UnauthorizedAccessException problem, string path) =>
            Build(problem, "AcrCloud.FileReadOnly", ErrorCategory.PermissionDenied, path, null);

        public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
            Build(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target, null);

        public static ErrorRecord EmptyName(string parameter, object? target) =>
            InvalidArgument("AcrCloud.EmptyName", $"-{parameter} must not be empty or only spaces.", target);

        public static ErrorRecord InvalidStreamUrl(string url, object? target) =>
            InvalidArgument("AcrCloud.InvalidStreamUrl",
                $"'{url}' is not a stream URL: give an absolute http, https, rtmp or rtsp URL such as https://radio.example/live.mp3.", target);

        public static ErrorRecord UnknownUserDefinedField(IEnumerable<string> unknown, int projectId, IEnumerable<string> known, object? target) =>
            InvalidArgument("AcrCloud.UnknownUserDefinedField",
                $"-UserDefined names {string.Join(", ", unknown.Select(k => "'" + k + "'"))}, which the metadata_template of project {projectId} does not name; it names: {string.Join(", ", known)}.",
                target);

        public static ErrorRecord NothingToChange(object? target) =>
            InvalidArgument("AcrCloud.NothingToChange", $"Nothing to change for {target}: give at least one of the parameters that set a field.", target);

        public static ErrorRecord InvalidInput(int invalid, int total) =>
            InvalidArgument("AcrCloud.InvalidInput",
                $"{invalid} of {total} input item(s) are invalid (see the errors before this one), so nothing was sent. Correct them and run the command again.", null);

        /// <summary>A failed request that carried several streams: the same error, naming every stream it held.</summary>
        public static ErrorRecord ForBatch(ErrorRecord error, int projectId, IReadOnlyCollection<string> streamIds)
        {
            var message = (error.ErrorDetails?.Message ?? error.Exception.Message)
                + $" The request held {streamIds.Count} stream(s) of project {projectId}: {string.Join(", ", streamIds)}.";
            var id = error.FullyQualifiedErrorId;
            var comma = id.IndexOf(',');
            var record = new ErrorRecord(error.Exception, comma < 0 ? id : id.Substring(0, comma), error.CategoryInfo.Category, streamIds.ToArray())
            {
                ErrorDetails = new ErrorDetails(message),
            };
            record.ErrorDetails.RecommendedAction = error.ErrorDetails?.RecommendedAction;
            return record;
        }

        public static ErrorRecord InsecureBaseUrl(Uri baseUri) =>
            Build(new ArgumentException($"-BaseUrl '{baseUri.AbsoluteUri}' uses plain http to a host that is not this machine, which would expose the bearer token to anyone on the way. Use https, or add -AllowUnencryptedAuthentication if you accept the risk."),
                "AcrCloud.InsecureBaseUrl", ErrorCategory.SecurityError, baseUri.AbsoluteUri,
                "Use https (the API's own address is https://eu-api-v2.acrcloud.com); -AllowUnencryptedAuthentication only for a host you trust, such as a test double.");

        public static ErrorRecord ForeignOrigin(ForeignOriginException problem, string path) =>
            Build(new ArgumentException(problem.Message + " Nothing was sent.", problem), "AcrCloud.ForeignOrigin", ErrorCategory.SecurityError, path,
                "Give a path such as /api/bm-cs-projects, or connect to that origin with Connect-AcrCloud -BaseUrl.");

        /// <summary>Whether an error is the API refusing the token itself (401) or its permission (403): the
        /// command's other requests would only be refused the same way.</summary>
        public static bool IsCredentialRefusal(ErrorRecord error) =>
            error.Exception is AcrCloudRequestException { StatusCode: 401 or 403 };

        public static ErrorRecord FromResponse(HttpMethod method, ApiResponse response, object? target, Uri? baseUri = null)
        {
            var body = DecodeBody(response.Body);
            if (response.RedirectRefusal != RedirectRefusal.None) return RedirectNotFollowed(method, response, body, target);
            JsonPSObjectConverter.TryReadError(response.Body, out var apiMessage, out var fieldErrors);
            var (errorId, category, advice) = Classify(response.StatusCode);
            if (response.StatusCode == 404 && baseUri != null && !IsKnownRoute(response.RequestUri, baseUri))
            {
                advice = $"The path is not one the API knows under -BaseUrl {baseUri.AbsoluteUri.TrimEnd('/')}: the base URL is the API's root (such as https://eu-api-v2.acrcloud.com), and -Path starts with /api/.";
            }

            var text = new StringBuilder()
                .Append("ACRCloud answered ").Append(response.StatusCode).Append(' ').Append(response.ReasonPhrase)
                .Append(" to ").Append(method).Append(' ').Append(response.RequestUri.PathAndQuery);
            if (!string.IsNullOrEmpty(apiMessage)) text.Append(": ").Append(apiMessage);
            if (fieldErrors != null && fieldErrors.Count > 0)
            {
                text.Append(" (").Append(string.Join("; ", fieldErrors.Select(f => f.Key + ": " + string.Join(" ", f.Value)))).Append(')');
            }

            if (response.Attempts > 1) text.Append($" [after {response.Attempts} attempts]");
            if (RetryRules.RetryAfterOf(response) is TimeSpan wait && wait > RetryRules.MaxRetryAfter)
            {
                advice = $"The server asks to wait {Describe(wait)} (Retry-After), longer than the {Describe(RetryRules.MaxRetryAfter)} the module waits, so it was not retried: try again later.";
            }

            var message = text.ToString();
            var exception = new AcrCloudRequestException(message, method.Method, response.RequestUri, response.StatusCode, apiMessage, body,
                ToHashtable(fieldErrors), response.Attempts);
            return Build(exception, errorId, category, target, advice);
        }

        private static ErrorRecord RedirectNotFollowed(HttpMethod method, ApiResponse response, string? body, object? target)
        {
            var location = response.RefusedLocation?.GetLeftPart(UriPartial.Path) ?? "(no location)";
            var (errorId, category, why, advice) = response.RedirectRefusal switch
            {
                RedirectRefusal.OtherOrigin => ("AcrCloud.RedirectNotFollowed", ErrorCategory.SecurityError,
                    "it leads to another origin, and the bearer token is only sent to the connection's own",
                    "If the API has moved, connect to its new address with Connect-AcrCloud -BaseUrl."),
                RedirectRefusal.MethodChange => ("AcrCloud.RedirectNotFollowed", ErrorCategory.InvalidOperation,
                    $"a {response.StatusCode} would turn {method} into GET and drop its body",
                    "Send the request to the address the redirect names."),
                _ => ("AcrCloud.TooManyRedirects", ErrorCategory.InvalidResult,
                    "the redirects go on too long (a loop, or a misconfigured proxy)",
                    "Check -BaseUrl and -Path; if it persists, the service or a proxy is misconfigured."),
            };
            var message = $"ACRCloud answered {response.StatusCode} {response.ReasonPhrase} to {method} {response.RequestUri.PathAndQuery}, redirecting to {location}; it was not followed: {why}.";
            var exception = new AcrCloudRequestException(message, method.Method, response.RequestUri, response.StatusCode, null, body, null, response.Attempts);
            return Build(exception, errorId, category, target, advice);
        }

        public static ErrorRecord FromTransport(HttpMethod method, Uri uri, TransportException failure, object? target)
        {
            var timedOut = failure.Failure == TransportFailure.TimedOut;
            var exception = new AcrCloudRequestException(failure.Message, method.Method, uri, null, null, null, null, failure.Attempts, failure.InnerException);
            return timedOut
                ? Build(exception, "AcrCloud.Timeout", ErrorCategory.OperationTimeout, target, "Raise -TimeoutSec, or try again later.")
                : Build(exception, "AcrCloud.ConnectionFailed", ErrorCategory.ConnectionError, target, "Check the network and -BaseUrl, or try again later.");
        }

        public static ErrorRecord ResponseTooLarge(HttpMethod method, Uri uri, ResponseTooLargeException problem, object? target)
        {
            var exception = new AcrCloudRequestException($"{method} {uri.PathAndQuery}: {problem.Message} Nothing from this answer was output.",
                method.Method, uri, null, null, null, null, 1, problem);
            return Build(exception, "AcrCloud.ResponseTooLarge", ErrorCategory.LimitsExceeded, target,
                "If the answer is genuine, raise -MaxResponseSize (for the call, or on Connect-AcrCloud); otherwise the service or a proxy is sending broken answers.");
        }

        public static ErrorRecord Unexpected(HttpMethod method, Uri uri, Exception problem, object? target)
        {
            var exception = new AcrCloudRequestException($"{method} {uri.GetLeftPart(UriPartial.Path)} failed: {problem.Message}", method.Method, uri, null, null, null, null, 1, problem);
            return Build(exception, "AcrCloud.RequestFailed", ErrorCategory.NotSpecified, target, null);
        }

        public static ErrorRecord InvalidResponse(HttpMethod method, ApiResponse response, InvalidDataException problem, object? target)
        {
            var message = $"ACRCloud answered {response.StatusCode} to {method} {response.RequestUri.PathAndQuery}, but the body could not be read: {problem.Message} Nothing from this answer was output.";
            var exception = new AcrCloudRequestException(message, method.Method, response.RequestUri, response.StatusCode, null,
                DecodeBody(response.Body), null, response.Attempts, problem);
            return Build(exception, "AcrCloud.InvalidResponse", ErrorCategory.InvalidData, target, "Try again; if it persists, the service or a proxy is sending broken answers.");
        }

        public static ErrorRecord WriteFailed(Exception problem, object? target) =>
            Build(new IOException($"The archive file for {target} could not be written: {problem.Message} Nothing was written for this day.", problem),
                "AcrCloud.ArchiveWriteFailed", problem is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, target,
                "Check that -Path is writable and the disk has room, then run the command again.");

        public static ErrorRecord InvalidArchiveFile(string path, Exception problem) =>
            Build(new InvalidDataException($"The archive file '{path}' could not be read: {problem.Message} Nothing from this file was output.", problem),
                "AcrCloud.InvalidArchiveFile", ErrorCategory.InvalidData, path,
                "Save the day again with Save-AcrBmCsResult -Force, or remove the file.");

        public static ErrorRecord NotAnArchiveFile(string path) =>
            Build(new InvalidDataException($"'{path}' is not in the archive layout <Path>/<ProjectId>/<StreamId>/<yyyy-MM-dd>.json[.gz], so it is not known which stream and day it holds."),
                "AcrCloud.NotAnArchiveFile", ErrorCategory.InvalidArgument, path, "Give the archive's folder or files that Save-AcrBmCsResult wrote.");

        public static ErrorRecord ArchivePathNotFound(string path) =>
            Build(new ItemNotFoundException($"Cannot find the archive path '{path}'."), "AcrCloud.ArchivePathNotFound", ErrorCategory.ObjectNotFound, path,
                "Check -Path.");

        /// <summary>Whether a request went to one of the routes the cmdlets use (ApiRoutes), where a 404 means an id
        /// that does not exist rather than a wrong base URL or path.</summary>
        private static bool IsKnownRoute(Uri requestUri, Uri baseUri)
        {
            var basePath = baseUri.AbsolutePath.TrimEnd('/');
            var path = requestUri.AbsolutePath;
            return path.StartsWith(basePath + ApiRoutes.BmCsProjects, StringComparison.OrdinalIgnoreCase);
        }

        private static (string ErrorId, ErrorCategory Category, string? Advice) Classify(int status)
        {
            switch (status)
            {
                case 400: return ("AcrCloud.BadRequest", ErrorCategory.InvalidArgument, "Check the parameters.");
                case 401: return ("AcrCloud.Unauthenticated", ErrorCategory.AuthenticationError,
                    "The bearer token is wrong, expired or revoked: run Connect-AcrCloud with a valid token. The command sent no further requests, since they would all be refused.");
                case 403: return ("AcrCloud.Forbidden", ErrorCategory.PermissionDenied,
                    "The token lacks the permission for this project or action: use a token with that permission. The command sent no further requests.");
                case 404: return ("AcrCloud.NotFound", ErrorCategory.ObjectNotFound, "Check -ProjectId, -StreamId or -Path.");
                case 408: return ("AcrCloud.RequestTimeout", ErrorCategory.OperationTimeout, "Try again later.");
                case 422: return ("AcrCloud.ValidationFailed", ErrorCategory.InvalidArgument, "Check the parameters the API names.");
                case 429: return ("AcrCloud.TooManyRequests", ErrorCategory.LimitsExceeded, "Slow down, or raise -MaxRetries.");
            }

            if (status >= 500) return ("AcrCloud.ServerError", ErrorCategory.ResourceUnavailable, "The service is failing; try again later.");
            return ("AcrCloud.HttpError", ErrorCategory.InvalidResult, null);
        }

        private static string Describe(TimeSpan wait) =>
            wait.TotalDays >= 2 ? $"{Math.Round(wait.TotalDays)} days"
            : wait.TotalHours >= 2 ? $"{Math.Round(wait.TotalHours)} hours"
            : wait.TotalMinutes >= 2 ? $"{Math.Round(wait.TotalMinutes)} minutes"
            : $"{Math.Round(wait.TotalSeconds)} seconds";

        private static Hashtable? ToHashtable(IDictionary<string, string[]>? fieldErrors)
        {
            if (fieldErrors == null) return null;
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in fieldErrors) table[pair.Key] = pair.Value;
            return table;
        }

        private static string? DecodeBody(byte[] body)
        {
            if (body.Length == 0) return null;
            // Decoding more than the exception keeps would only waste time on a large body.
            var length = Math.Min(body.Length, AcrCloudRequestException.MaxBodyLength * 4);
            return Encoding.UTF8.GetString(body, 0, length);
        }

        private static ErrorRecord Build(Exception exception, string errorId, ErrorCategory category, object? target, string? advice)
        {
            var record = new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(exception.Message),
            };
            if (advice != null) record.ErrorDetails.RecommendedAction = advice;
            return record;
        }
    }
}
