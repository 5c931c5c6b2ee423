using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace AcrCloud.PowerShell
{
    /// <summary>One file of the raw archive Save-AcrBmCsResult writes and Import-AcrBmCsResult reads:
    /// &lt;root&gt;/&lt;ProjectId&gt;/&lt;StreamId&gt;/&lt;yyyy-MM-dd&gt;.json, or .json.gz.</summary>
    internal sealed class ArchiveFile
    {
        private static readonly Regex DayName = new Regex(@"^(\d{4}-\d{2}-\d{2})\.json(\.gz)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private ArchiveFile(string path, int projectId, string streamId, DateTime date)
        {
            Path = path;
            ProjectId = projectId;
            StreamId = streamId;
            Date = date;
        }

        public string Path { get; }

        public int ProjectId { get; }

        public string StreamId { get; }

        /// <summary>The UTC day the file holds.</summary>
        public DateTime Date { get; }

        /// <summary>Whether a file's name is that of an archived day (temporary files and anything else are not).</summary>
        public static bool IsDayName(string fileName) => DayName.IsMatch(fileName);

        /// <summary>The stream and day a file holds, read from where it lies in the archive.</summary>
        public static ArchiveFile? TryParse(string path)
        {
            var match = DayName.Match(System.IO.Path.GetFileName(path));
            if (!match.Success
                || !DateTime.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return null;
            }

            var streamFolder = System.IO.Path.GetDirectoryName(path);
            var projectFolder = string.IsNullOrEmpty(streamFolder) ? null : System.IO.Path.GetDirectoryName(streamFolder);
            if (string.IsNullOrEmpty(projectFolder)
                || !int.TryParse(System.IO.Path.GetFileName(projectFolder), NumberStyles.None, CultureInfo.InvariantCulture, out var projectId)
                || projectId < 1)
            {
                return null;
            }

            return new ArchiveFile(path, projectId, System.IO.Path.GetFileName(streamFolder!), DateTime.SpecifyKind(date, DateTimeKind.Utc));
        }

        /// <summary>The JSON a file holds, gunzipped when it is gzip (by its first bytes, whatever its name says).</summary>
        public static byte[] Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B) return bytes;
            using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
            using (var json = new MemoryStream(bytes.Length * 8))
            {
                gzip.CopyTo(json);
                return json.ToArray();
            }
        }
    }
}
