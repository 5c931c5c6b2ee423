using System;
using System.Globalization;

namespace AcrCloud.PowerShell
{
    /// <summary>The console API's paths, written once: cmdlets and completers ask here instead of spelling them out.</summary>
    internal static class ApiRoutes
    {
        public const string BmCsProjects = "/api/bm-cs-projects";

        public static string BmCsProject(int projectId) => BmCsProjects + "/" + Id(projectId);

        public static string BmCsStreams(int projectId) => BmCsProject(projectId) + "/streams";

        public static string BmCsStream(int projectId, string streamId) => BmCsStreams(projectId) + "/" + Uri.EscapeDataString(streamId);

        public static string BmCsResults(int projectId, string streamId) => BmCsStream(projectId, streamId) + "/results";

        private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
