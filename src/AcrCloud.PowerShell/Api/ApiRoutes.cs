using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

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

        public static string BmCsUnknownResults(int projectId, string streamId) => BmCsStream(projectId, streamId) + "/unknown_results";

        public static string BmCsRecordings(int projectId, string streamId) => BmCsStream(projectId, streamId) + "/recordings";

        public static string BmCsResultCallback(int projectId) => BmCsProject(projectId) + "/result-callback";

        public static string BmCsStateNotification(int projectId) => BmCsProject(projectId) + "/state-notification";

        /// <summary>Several streams in one path segment, as the delete, pause and restart endpoints take them.</summary>
        public static string BmCsStreamList(int projectId, IEnumerable<string> streamIds) =>
            BmCsStreams(projectId) + "/" + string.Join(",", streamIds.Select(Uri.EscapeDataString));

        public static string BmCsStreamsPause(int projectId, IEnumerable<string> streamIds) => BmCsStreamList(projectId, streamIds) + "/pause";

        public static string BmCsStreamsRestart(int projectId, IEnumerable<string> streamIds) => BmCsStreamList(projectId, streamIds) + "/restart";

        public static string BmCsStreamState(int projectId, string streamId) => BmCsStream(projectId, streamId) + "/state";

        public const string BmBdProjects = "/api/bm-bd-projects";

        public static string BmBdProject(int projectId) => BmBdProjects + "/" + Id(projectId);

        public static string BmBdChannels(int projectId) => BmBdProject(projectId) + "/channels";

        public static string BmBdChannel(int projectId, int channelId) => BmBdChannels(projectId) + "/" + Id(channelId);

        public static string BmBdChannelState(int projectId, int channelId) => BmBdChannel(projectId, channelId) + "/state";

        public static string BmBdChannelResults(int projectId, int channelId) => BmBdChannel(projectId, channelId) + "/results";

        private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
