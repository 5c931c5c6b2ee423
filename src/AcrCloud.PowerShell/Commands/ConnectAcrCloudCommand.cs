using System;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Creates the session's connection to the ACRCloud console API. Needs no network.</summary>
    [Cmdlet(VerbsCommunications.Connect, "AcrCloud", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AcrCloudConnection))]
    public sealed class ConnectAcrCloudCommand : AcrCloudCmdlet
    {
        internal const string TokenVariable = "ACRCLOUD_BEARER_TOKEN";
        internal const string DefaultBaseUrl = "https://eu-api-v2.acrcloud.com";

        /// <summary>The console API bearer token; a plain string is accepted too. Defaults to $env:ACRCLOUD_BEARER_TOKEN.</summary>
        [Parameter(Position = 0)]
        [SecureStringTransformation]
        [ValidateNotNull]
        [PSDefaultValue(Help = "$env:ACRCLOUD_BEARER_TOKEN")]
        public SecureString? BearerToken { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [PSDefaultValue(Help = "https://eu-api-v2.acrcloud.com")]
        public string BaseUrl { get; set; } = DefaultBaseUrl;

        [Parameter]
        [ValidateRange(0, 100)]
        [PSDefaultValue(Help = "5")]
        public int MaxRetries { get; set; } = 5;

        [Parameter]
        [ValidateRange(0.0, 60.0)]
        [PSDefaultValue(Help = "0.1")]
        public double BackoffFactor { get; set; } = 0.1;

        [Parameter]
        [ValidateRange(1, 86400)]
        [PSDefaultValue(Help = "60")]
        public int TimeoutSec { get; set; } = 60;

        /// <summary>The most bytes one answer may have once decompressed; a larger one is cut off.</summary>
        [Parameter]
        [ValidateRange(1024L, ApiClientOptions.MaxMaxResponseBytes)]
        [PSDefaultValue(Help = "1GB")]
        public long MaxResponseSize { get; set; } = ApiClientOptions.DefaultMaxResponseBytes;

        /// <summary>Allows sending the token over plain http to a host that is not this machine.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var baseUri = CheckBaseUrl(BaseUrl);
            if (baseUri == null) return;

            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !AllowUnencryptedAuthentication)
            {
                ThrowTerminatingError(AcrCloudErrors.InsecureBaseUrl(baseUri));
                return;
            }

            var token = ReadToken();
            if (string.IsNullOrEmpty(token))
            {
                ThrowTerminatingError(AcrCloudErrors.TokenMissing());
                return;
            }

            if (!ShouldProcess(baseUri.AbsoluteUri, "Connect to the ACRCloud console API")) return;
            var options = new ApiClientOptions(baseUri, MaxRetries, BackoffFactor, TimeSpan.FromSeconds(TimeoutSec), MaxResponseSize);
            var connection = new AcrCloudConnection(new ApiClient(options, token!));
            ConnectionStore.Open(connection);
            WarmUp.StartOnce();
            WriteVerbose($"Connected to {connection.BaseUrl} (MaxRetries {MaxRetries}, BackoffFactor {BackoffFactor} s, TimeoutSec {TimeoutSec}).");
            if (PassThru) WriteObject(connection);
        }

        /// <summary>The API's root: absolute http(s), no user info (the bearer token is the credential, and a password
        /// there would be printed wherever the URL is), no query or fragment (they would be dropped from every
        /// request), and a trailing /api taken off, since every route already starts with it.</summary>
        private Uri? CheckBaseUrl(string text)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                Refuse($"-BaseUrl '{Redact(text)}' is not an absolute http or https URL, such as {DefaultBaseUrl}.", Redact(text));
                return null;
            }

            var shown = Redact(uri);
            if (uri.UserInfo.Length > 0)
            {
                Refuse($"-BaseUrl '{shown}' carries a user name or password. The bearer token is the credential: give it to -BearerToken, and the URL without user info, such as {DefaultBaseUrl}.", shown);
                return null;
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                Refuse($"-BaseUrl '{shown}' has a query or fragment, which would not be sent with any request. Give the API's root only, such as {DefaultBaseUrl}; pass query values with -Query.", shown);
                return null;
            }

            var path = uri.AbsolutePath.TrimEnd('/');
            if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase)) path = path.Substring(0, path.Length - "/api".Length);
            return new UriBuilder(uri) { Path = path + "/" }.Uri;
        }

        private void Refuse(string message, string target) =>
            ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidBaseUrl", message, target));

        private static string Redact(Uri uri) =>
            uri.UserInfo.Length == 0 ? uri.AbsoluteUri : new UriBuilder(uri) { UserName = "***", Password = string.Empty }.Uri.AbsoluteUri;

        private static string Redact(string text)
        {
            // Text that is not a URL may still hold "user:secret@": show nothing between the scheme and the '@'.
            var at = text.IndexOf('@');
            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            return at > 0 && scheme >= 0 && scheme < at ? text.Substring(0, scheme + 3) + "***" + text.Substring(at) : text;
        }

        private string? ReadToken()
        {
            if (BearerToken == null) return Environment.GetEnvironmentVariable(TokenVariable)?.Trim();
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(BearerToken);
                return Marshal.PtrToStringUni(pointer)?.Trim();
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
