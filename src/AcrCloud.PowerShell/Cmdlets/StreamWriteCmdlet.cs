using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>What New- and Set-AcrBmCsStream share: checking a stream's fields before sending, against the
    /// project's metadata_template (read once per project), and the body of only the fields given.</summary>
    public abstract class StreamWriteCmdlet : AcrCloudRequestCmdlet
    {
        private readonly Dictionary<int, IReadOnlyCollection<string>?> _templates = new Dictionary<int, IReadOnlyCollection<string>?>();

        internal ErrorRecord? Check(int projectId, string? name, string[]? streamUrls, IDictionary? userDefined, object target) =>
            WriteInput.CheckName(name, "Name", target)
            ?? WriteInput.CheckStreamUrls(streamUrls, target)
            ?? (userDefined == null ? null : WriteInput.CheckUserDefined(userDefined, TemplateFieldsOf(projectId), projectId, target));

        internal static byte[]? StreamBody(string? name, string[]? streamUrls, int? configId, IDictionary? userDefined) =>
            WriteInput.Body(("name", name), ("stream_urls", streamUrls?.Select(u => u.Trim()).ToArray()), ("config_id", configId), ("user_defined", userDefined));

        /// <summary>The project's template fields; null (nothing to check) when it has none or cannot be read, in
        /// which case the API's own validation still applies.</summary>
        private IReadOnlyCollection<string>? TemplateFieldsOf(int projectId)
        {
            if (_templates.TryGetValue(projectId, out var known)) return known;
            var answer = Await(RequestAsync(HttpMethod.Get, BuildUri(ApiRoutes.BmCsProject(projectId), null), null, JsonPSObjectConverter.ParseTopLevel, projectId));
            var project = answer.Succeeded ? Paging.Items(answer.Values.FirstOrDefault()).FirstOrDefault() : null;
            var fields = WriteInput.TemplateFields(JsonValues.Get(project, "metadata_template"));
            _templates[projectId] = fields;
            return fields;
        }
    }
}
