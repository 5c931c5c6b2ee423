using System;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>A connection holds a live HTTP client and its token in this process. What Start-Job or a remote
    /// session receives instead is a property bag; say so, rather than leave PowerShell's conversion error.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ConnectionTransformationAttribute : ArgumentTransformationAttribute
    {
        private const string DeserializedName = "Deserialized." + "AcrCloud.PowerShell.AcrCloudConnection";

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData is PSObject wrapped && !(wrapped.BaseObject is AcrCloudConnection) && wrapped.TypeNames.Contains(DeserializedName))
            {
                throw new ArgumentTransformationMetadataException(
                    "An AcrCloud connection cannot cross a process boundary (Start-Job, Invoke-Command, a remote session): this is a copy without its token. " +
                    "Connect inside the job instead, for example: Start-Job { Import-Module AcrCloud; Connect-AcrCloud -BearerToken $env:ACRCLOUD_BEARER_TOKEN; ... }. " +
                    "Thread jobs and ForEach-Object -Parallel run in this process and can use -Connection $using:connection.");
            }

            return inputData;
        }
    }
}
