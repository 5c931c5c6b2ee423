using System;

namespace AcrCloud.PowerShell
{
    /// <summary>One stretch of time in which a stream or channel was in one state: running (code 0) or not.</summary>
    public abstract class AcrBmStateInterval
    {
        public int ProjectId { get; internal set; }

        /// <summary>The API's state code: 0 is running; every other code means the stream was not monitored.</summary>
        public int Code { get; internal set; }

        /// <summary>"Running" for code 0, otherwise "Code N" (ACRCloud documents no other names).</summary>
        public string State => AcrBmStateCodes.Name(Code);

        /// <summary>The start in the zone asked for, with its offset.</summary>
        public DateTimeOffset Start { get; internal set; }

        public DateTimeOffset End { get; internal set; }

        public DateTime StartUtc { get; internal set; }

        public DateTime EndUtc { get; internal set; }

        public int DurationSec => (int)Math.Round((EndUtc - StartUtc).TotalSeconds);

        internal bool IsRunning => Code == AcrBmStateCodes.Running;
    }

    /// <summary>A state interval of a custom stream (Get-AcrBmCsStreamState).</summary>
    public sealed class AcrBmCsStreamState : AcrBmStateInterval
    {
        public string StreamId { get; internal set; } = string.Empty;

        public override string ToString() => $"{StreamId} {State} {Start:yyyy-MM-dd HH:mm:ss zzz} ({DurationSec} s)";
    }

    /// <summary>A state interval of a broadcast-database channel (Get-AcrBmBdChannelState).</summary>
    public sealed class AcrBmBdChannelState : AcrBmStateInterval
    {
        public int ChannelId { get; internal set; }

        public override string ToString() => $"{ChannelId} {State} {Start:yyyy-MM-dd HH:mm:ss zzz} ({DurationSec} s)";
    }

    /// <summary>One local day of a stream's or channel's up-time (the -Summary of the state cmdlets).</summary>
    public abstract class AcrBmUptimeDay
    {
        public int ProjectId { get; internal set; }

        /// <summary>The local day in the zone asked for.</summary>
        public DateTime Date { get; internal set; }

        /// <summary>Seconds of the day the API reported a state for.</summary>
        public int TotalSec { get; internal set; }

        /// <summary>Seconds of the day the stream was running (code 0).</summary>
        public int ValidSec { get; internal set; }

        public double UptimePercent => TotalSec == 0 ? 0 : Math.Round(100.0 * ValidSec / TotalSec, 2);

        /// <summary>How many intervals of the day were not running.</summary>
        public int Outages { get; internal set; }
    }

    public sealed class AcrBmCsStreamUptime : AcrBmUptimeDay
    {
        public string StreamId { get; internal set; } = string.Empty;

        public override string ToString() => $"{StreamId} {Date:yyyy-MM-dd} {UptimePercent}%";
    }

    public sealed class AcrBmBdChannelUptime : AcrBmUptimeDay
    {
        public int ChannelId { get; internal set; }

        public override string ToString() => $"{ChannelId} {Date:yyyy-MM-dd} {UptimePercent}%";
    }

    internal static class AcrBmStateCodes
    {
        public const int Running = 0;

        public static string Name(int code) => code == Running ? "Running" : "Code " + code.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
