using System;
using System.Globalization;

namespace AcrCloud.PowerShell
{
    /// <summary>What Save-AcrBmCsResult did with one stream-day.</summary>
    public enum AcrBmCsArchiveStatus
    {
        /// <summary>The day's body was written (new, or different from the file before).</summary>
        Saved,

        /// <summary>The day was fetched again and its bytes equal the file's, which was left as it was.</summary>
        Unchanged,

        /// <summary>The day was already in the archive and is final, so it was not fetched.</summary>
        Skipped,

        /// <summary>The day could not be fetched, checked or written (see its error); nothing was written.</summary>
        Failed,
    }

    /// <summary>One stream-day of the archive, as Save-AcrBmCsResult left it.</summary>
    public sealed class AcrBmCsArchiveDay
    {
        internal AcrBmCsArchiveDay(int projectId, string streamId, DateTime date, string path, AcrBmCsArchiveStatus status, int? records, long? bytes)
        {
            ProjectId = projectId;
            StreamId = streamId;
            Date = date;
            Path = path;
            Status = status;
            Records = records;
            Bytes = bytes;
        }

        public int ProjectId { get; }

        public string StreamId { get; }

        /// <summary>The UTC day.</summary>
        public DateTime Date { get; }

        /// <summary>The archive file of the day (for a failed day: where it would have been).</summary>
        public string Path { get; }

        /// <summary>How many records the day's data holds; null when the day was not fetched.</summary>
        public int? Records { get; }

        /// <summary>The size of the file on disk; null when there is none.</summary>
        public long? Bytes { get; }

        public AcrBmCsArchiveStatus Status { get; }

        public override string ToString() =>
            $"{StreamId} {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Status}";
    }
}
