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

        /// <summary>Allows sending the token over plain http to a host that is not this machine.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidBaseUrl",
                    $"-BaseUrl '{BaseUrl}' is not an absolute http or https URL, such as {DefaultBaseUrl}.", BaseUrl));
                return;
            }

            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !AllowUnencryptedAuthentication)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.UnencryptedAuthentication",
                    $"-BaseUrl '{BaseUrl}' uses plain http to a host that is not this machine, which would expose the bearer token. Use https, or add -AllowUnencryptedAuthentication if you accept the risk.", BaseUrl));
                return;
            }

            var token = ReadToken();
            if (string.IsNullOrEmpty(token))
            {
                ThrowTerminatingError(AcrCloudErrors.TokenMissing());
                return;
            }

            if (!ShouldProcess(baseUri.AbsoluteUri, "Connect to the ACRCloud console API")) return;
            var options = new ApiClientOptions(baseUri, MaxRetries, BackoffFactor, TimeSpan.FromSeconds(TimeoutSec));
            var connection = new AcrCloudConnection(new ApiClient(options, token!));
            ConnectionStore.Current = connection;
            WarmUp.StartOnce();
            WriteVerbose($"Connected to {connection.BaseUrl} (MaxRetries {MaxRetries}, BackoffFactor {BackoffFactor} s, TimeoutSec {TimeoutSec}).");
            if (PassThru) WriteObject(connection);
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
