using System.Collections;
using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Changes a stream: renames it, re-points it, moves it to another recording configuration or sets its
    /// user_defined fields. Only what is given is sent.</summary>
    [Cmdlet(VerbsCommon.Set, "AcrBmCsStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class SetAcrBmCsStreamCommand : StreamWriteCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("mcp_id", "project_id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string StreamId { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? StreamUrl { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, int.MaxValue)]
        public int? ConfigId { get; set; }

        [Parameter]
        [DictionaryTransformation]
        public IDictionary? UserDefined { get; set; }

        /// <summary>Writes the stream as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var target = $"stream {StreamId} of project {ProjectId}";
            var invalid = Check(ProjectId, Name, StreamUrl, UserDefined, StreamId);
            if (invalid != null) ThrowTerminatingError(invalid);
            var body = StreamBody(Name, StreamUrl, ConfigId, UserDefined);
            if (body == null) ThrowTerminatingError(AcrCloudErrors.NothingToChange(target));

            var path = ApiRoutes.BmCsStream(ProjectId, StreamId);
            if (!ShouldSend(target, HttpMethod.Put, path, body)) return;
            if (SendAndWrite(HttpMethod.Put, path, body, StreamId, null) && PassThru)
            {
                WriteOne(path, StreamId, GetAcrBmCsStreamCommand.StreamTypeName);
            }
        }
    }
}
