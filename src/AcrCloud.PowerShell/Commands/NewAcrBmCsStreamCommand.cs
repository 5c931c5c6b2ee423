using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Adds streams to a custom-streams project, from parameters or from the pipeline (CSV rows, or the
    /// streams of another project). Every input is checked first; if any is invalid, nothing is sent.</summary>
    [Cmdlet(VerbsCommon.New, "AcrBmCsStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class NewAcrBmCsStreamCommand : StreamWriteCmdlet
    {
        private readonly List<(int ProjectId, string Name, byte[] Body)> _queued = new List<(int, string, byte[])>();
        private int _invalid;

        /// <summary>The project to add to. Deliberately not bound from a stream's mcp_id, so streams copied from
        /// another project are never added back to their own.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public string Name { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_urls", "Url")]
        [ValidateNotNullOrEmpty]
        public string[] StreamUrl { get; set; } = null!;

        /// <summary>The project's recording configuration; also binds a stream's config_id, or its config object.</summary>
        [Parameter(Mandatory = true, Position = 3, ValueFromPipelineByPropertyName = true)]
        [Alias("config_id", "config")]
        [IdTransformation]
        [ValidateRange(1, int.MaxValue)]
        public int ConfigId { get; set; }

        /// <summary>Values for the project's metadata_template fields; also binds a stream's user_defined object.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_defined")]
        [DictionaryTransformation]
        public IDictionary? UserDefined { get; set; }

        protected override void ProcessRecord()
        {
            var invalid = Check(ProjectId, Name, StreamUrl, UserDefined, Name);
            if (invalid != null)
            {
                WriteError(invalid);
                _invalid++;
                return;
            }

            _queued.Add((ProjectId, Name, StreamBody(Name, StreamUrl, ConfigId, UserDefined)!));
        }

        protected override void EndProcessing()
        {
            if (_invalid > 0) ThrowTerminatingError(AcrCloudErrors.InvalidInput(_invalid, _invalid + _queued.Count));
            foreach (var (projectId, name, body) in _queued)
            {
                var path = ApiRoutes.BmCsStreams(projectId);
                if (!ShouldSend($"stream '{name}' in project {projectId}", HttpMethod.Post, path, body)) continue;
                SendAndWrite(HttpMethod.Post, path, body, name, GetAcrBmCsStreamCommand.StreamTypeName);
            }

            base.EndProcessing();
        }
    }
}
