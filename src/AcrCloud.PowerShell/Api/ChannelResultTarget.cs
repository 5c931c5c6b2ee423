using System;
using System.Globalization;

namespace AcrCloud.PowerShell
{
    /// <summary>Which broadcast-database channel and day a result request was for: the TargetObject of its errors.</summary>
    public sealed class ChannelResultTarget
    {
        internal ChannelResultTarget(int projectId, int channelId, DateTime? date)
        {
            ProjectId = projectId;
            ChannelId = channelId;
            Date = date;
        }

        public int ProjectId { get; }

        public int ChannelId { get; }

        /// <summary>The UTC day, or null when none was asked for.</summary>
        public DateTime? Date { get; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "project {0}, channel {1}", ProjectId, ChannelId) +
            (Date.HasValue ? ", " + Date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
    }
}
