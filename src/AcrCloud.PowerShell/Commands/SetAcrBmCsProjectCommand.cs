using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Changes a custom-streams project: its fields in one PUT, the result callback and the state
    /// notifications at their own endpoints; only what is given is sent.</summary>
    [Cmdlet(VerbsCommon.Set, "AcrBmCsProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class SetAcrBmCsProjectCommand : AcrCloudRequestCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? Name { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int[]? BucketId { get; set; }

        [Parameter]
        [ValidateSet("spotify", "deezer", "isrc", "upc", "musicbrainz")]
        public string[]? ExternalId { get; set; }

        [Parameter]
        public string? MetadataTemplate { get; set; }

        /// <summary>Where ACRCloud POSTs each detection.</summary>
        [Parameter]
        [ValidateNotNull]
        public string? ResultCallbackUrl { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? StateNotificationUrl { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? StateNotificationEmail { get; set; }

        [Parameter]
        [ValidateSet("High", "Low", "None")]
        public string? StateNotificationFrequency { get; set; }

        /// <summary>Writes the project as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var target = $"project {ProjectId}";
            var invalid = WriteInput.CheckName(Name, nameof(Name), ProjectId);
            if (invalid != null) ThrowTerminatingError(invalid);

            var fields = WriteInput.Body(("name", Name), ("buckets", BucketId), ("external_ids", ExternalId), ("metadata_template", MetadataTemplate));
            var callback = WriteInput.Body(("result_callback_url", ResultCallbackUrl));
            var notification = WriteInput.Body(
                ("state_notification_url", StateNotificationUrl), ("state_notification_email", StateNotificationEmail), ("state_notification_email_frequency", FrequencyCode()));
            if (fields == null && callback == null && notification == null) ThrowTerminatingError(AcrCloudErrors.NothingToChange(target));

            // One project is one item: after a failed part the rest is not sent, so the error says what state it is in.
            var sent = false;
            foreach (var (method, path, body) in new[]
            {
                (HttpMethod.Put, ApiRoutes.BmCsProject(ProjectId), fields),
                (HttpMethod.Post, ApiRoutes.BmCsResultCallback(ProjectId), callback),
                (HttpMethod.Post, ApiRoutes.BmCsStateNotification(ProjectId), notification),
            })
            {
                if (body == null || !ShouldSend(target, method, path, body)) continue;
                if (!SendAndWrite(method, path, body, ProjectId, null)) return;
                sent = true;
            }

            if (sent && PassThru) WriteOne(ApiRoutes.BmCsProject(ProjectId), ProjectId, GetAcrBmCsProjectCommand.ProjectTypeName);
        }

        /// <summary>The API's number for the frequency: 0 high, 1 low, 2 none.</summary>
        private int? FrequencyCode()
        {
            switch (StateNotificationFrequency)
            {
                case null: return null;
                case var f when f.Equals("High", System.StringComparison.OrdinalIgnoreCase): return 0;
                case var f when f.Equals("Low", System.StringComparison.OrdinalIgnoreCase): return 1;
                default: return 2;
            }
        }
    }
}
