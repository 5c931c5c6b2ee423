using System;
using System.Globalization;

namespace AcrCloud.PowerShell
{
    /// <summary>Which stream and day a result request was for: the TargetObject of its errors.</summary>
    public sealed class ResultTarget
    {
        internal ResultTarget(int projectId, string streamId, DateTime? date)
        {
            ProjectId = projectId;
            StreamId = streamId;
            Date = date;
        }

        public int ProjectId { get; }

        public string StreamId { get; }

        /// <summary>The UTC day, or null when none was asked for.</summary>
        public DateTime? Date { get; }

        public override string ToString() =>
            $"project {ProjectId}, stream {StreamId}" + (Date.HasValue ? ", " + Date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
    }
}
