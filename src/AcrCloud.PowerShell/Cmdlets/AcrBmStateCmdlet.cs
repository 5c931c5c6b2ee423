using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>What the state (up-time) cmdlets of streams and channels share: a local day range, cut into pieces
    /// of one UTC offset because the API takes one fixed <c>timeoffset</c> per request, and the intervals joined
    /// again in time order, or summed up per local day.</summary>
    public abstract class AcrBmStateCmdlet : AcrCloudRequestCmdlet
    {
        private TimeZoneInfo _zone = TimeZoneInfo.Utc;
        private LocalDayRange _range = null!;
        private DateTime _to;

        /// <summary>The first local day (inclusive), in -TimeZone.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        public DateTime From { get; set; }

        /// <summary>The last local day (inclusive), in -TimeZone. Default: -From.</summary>
        [Parameter(Position = 3)]
        [PSDefaultValue(Help = "-From (one day)")]
        public DateTime? To { get; set; }

        /// <summary>The zone whose local days -From and -To mean, and of Start and End (IANA or Windows id).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        [PSDefaultValue(Help = "UTC")]
        public string TimeZone { get; set; } = "UTC";

        /// <summary>One object per local day instead of one per interval: total and running seconds, up-time and
        /// the number of outages.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void Begin()
        {
            if (!TimeZones.TryFind(TimeZone, out _zone)) ThrowTerminatingError(AcrCloudErrors.UnknownTimeZone(TimeZone));
            _to = To ?? From;
            if (_to.Date < From.Date)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDateRange",
                    $"-To {_to:yyyy-MM-dd} is before -From {From:yyyy-MM-dd}.", To));
            }

            _range = new LocalDayRange(From, _to, _zone);
            base.Begin();
        }

        /// <summary>Fetches the state of one stream or channel over the range and writes its intervals or days; a
        /// failed request is a non-terminating error for that stream or channel and writes nothing of it.</summary>
        internal void WriteStates<TInterval, TDay>(string path, int projectId, object target, Action<TInterval> identify, Action<TDay> identifyDay)
            where TInterval : AcrBmStateInterval, new()
            where TDay : AcrBmUptimeDay, new()
        {
            var intervals = new List<TInterval>();
            foreach (var (startUtc, endUtc, offset) in FixedOffsetSegments.Split(_range.StartUtc, _range.EndUtc, _zone))
            {
                var query = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("start_date", (startUtc + offset).ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, string>("end_date", (endUtc.AddTicks(-1) + offset).ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
                    // The API's sign is inverted: UTC+1 is -60.
                    new KeyValuePair<string, string>("timeoffset", (-(int)offset.TotalMinutes).ToString(CultureInfo.InvariantCulture)),
                };
                var result = Await(RequestAsync(HttpMethod.Get, BuildUri(path, query), null, JsonPSObjectConverter.ParseTopLevel, target));
                if (!result.Succeeded)
                {
                    WriteFailure(result.Error!);
                    return;
                }

                var first = true;
                foreach (var (code, fromUtc, toUtc) in ReadStateList(result.Values.FirstOrDefault(), offset))
                {
                    var start = fromUtc < startUtc ? startUtc : fromUtc;
                    var end = toUtc > endUtc ? endUtc : toUtc;
                    if (end <= start) continue;
                    // Only the cut made here is joined again: the API's own intervals stay as it sent them.
                    if (first && intervals.Count > 0 && intervals[intervals.Count - 1] is { } last && last.Code == code && last.EndUtc == start)
                    {
                        SetTimes(last, last.StartUtc, end);
                    }
                    else
                    {
                        var interval = new TInterval { ProjectId = projectId, Code = code };
                        identify(interval);
                        SetTimes(interval, start, end);
                        intervals.Add(interval);
                    }

                    first = false;
                }
            }

            if (!Summary)
            {
                foreach (var interval in intervals) WriteObject(interval);
                return;
            }

            foreach (var day in Days(intervals, projectId, identifyDay)) WriteObject(day);
        }

        private IEnumerable<TDay> Days<TDay>(List<AcrBmStateInterval> intervals, int projectId, Action<TDay> identify)
            where TDay : AcrBmUptimeDay, new()
        {
            for (var date = From.Date; date <= _to.Date; date = date.AddDays(1))
            {
                var dayStart = TimeZones.StartOfLocalDayUtc(date, _zone);
                var dayEnd = TimeZones.StartOfLocalDayUtc(date.AddDays(1), _zone);
                var day = new TDay { ProjectId = projectId, Date = date };
                identify(day);
                foreach (var interval in intervals)
                {
                    var seconds = (int)Math.Round(((interval.EndUtc < dayEnd ? interval.EndUtc : dayEnd) - (interval.StartUtc > dayStart ? interval.StartUtc : dayStart)).TotalSeconds);
                    if (seconds <= 0) continue;
                    day.TotalSec += seconds;
                    if (interval.IsRunning) day.ValidSec += seconds;
                    else day.Outages++;
                }

                yield return day;
            }
        }

        private IEnumerable<TDay> Days<TInterval, TDay>(List<TInterval> intervals, int projectId, Action<TDay> identify)
            where TInterval : AcrBmStateInterval
            where TDay : AcrBmUptimeDay, new() =>
            Days(intervals.Cast<AcrBmStateInterval>().ToList(), projectId, identify);

        private void SetTimes(AcrBmStateInterval interval, DateTime startUtc, DateTime endUtc)
        {
            interval.StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
            interval.EndUtc = DateTime.SpecifyKind(endUtc, DateTimeKind.Utc);
            interval.Start = TimeZoneInfo.ConvertTime(new DateTimeOffset(interval.StartUtc), _zone);
            interval.End = TimeZoneInfo.ConvertTime(new DateTimeOffset(interval.EndUtc), _zone);
        }

        /// <summary>The answer's <c>data.state_list</c>: code and UTC bounds of each item whose times are readable
        /// (they are written in the fixed offset the request named).</summary>
        private static IEnumerable<(int Code, DateTime StartUtc, DateTime EndUtc)> ReadStateList(object? answer, TimeSpan offset)
        {
            var list = JsonValues.Get(JsonValues.Get(answer, "data"), "state_list");
            foreach (var item in RecordReader.Items(list))
            {
                var code = RecordReader.Number(JsonValues.Get(item, "code"));
                if (code == null ||
                    !ApiTimestamp.TryParse(JsonValues.Get(item, "start"), out var start) ||
                    !ApiTimestamp.TryParse(JsonValues.Get(item, "end"), out var end))
                {
                    continue;
                }

                yield return ((int)code.Value, start - offset, end - offset);
            }
        }
    }
}
