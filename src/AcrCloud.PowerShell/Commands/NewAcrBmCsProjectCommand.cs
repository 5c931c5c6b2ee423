using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Creates a custom-streams project and writes it, as Get-AcrBmCsProject would.</summary>
    [Cmdlet(VerbsCommon.New, "AcrBmCsProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class NewAcrBmCsProjectCommand : AcrCloudRequestCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public string Name { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("eu-west-1", "us-west-2", "ap-southeast-1")]
        public string Region { get; set; } = null!;

        /// <summary>The buckets (of custom files, such as spots) the project also recognises.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int[]? BucketId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("BM-ACRC", "BM-LOCAL")]
        public string? Type { get; set; }

        /// <summary>The external ids the results carry.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("spotify", "deezer", "isrc", "upc", "musicbrainz")]
        public string[]? ExternalId { get; set; }

        /// <summary>The fields each stream's user_defined may hold.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? MetadataTemplate { get; set; }

        protected override void ProcessRecord()
        {
            var invalid = WriteInput.CheckName(Name, nameof(Name), Name);
            if (invalid != null) ThrowTerminatingError(invalid);

            var body = WriteInput.Body(
                ("name", Name), ("region", Region), ("buckets", BucketId), ("type", Type), ("external_ids", ExternalId), ("metadata_template", MetadataTemplate));
            if (!ShouldSend($"project '{Name}'", HttpMethod.Post, ApiRoutes.BmCsProjects, body)) return;
            SendAndWrite(HttpMethod.Post, ApiRoutes.BmCsProjects, body, Name, GetAcrBmCsProjectCommand.ProjectTypeName);
        }
    }
}
