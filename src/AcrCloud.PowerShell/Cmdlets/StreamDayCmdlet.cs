using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading.Tasks;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>What the cmdlets share whose API answers one UTC day of one stream or channel per request (results,
    /// unknown results, channel results): the days (-Date, or a local range trimmed to its edges), several
    /// stream-days in flight while the output keeps stream, day and API order, progress, one non-terminating error
    /// per failed stream-day, and the ids of its source appended to every record. A cmdlet that keeps the raw
    /// bodies instead (Save-AcrBmCsResult) plans each day through <see cref="PlanDay"/>.</summary>
    public abstract class StreamDayCmdlet : AcrCloudRequestCmdlet
    {
        internal const string DateSet = "Date";
        internal const string RangeSet = "Range";
        private static readonly DateTime FirstDay = new DateTime(1, 1, 2);
        private static readonly DateTime LastDay = new DateTime(9999, 12, 29);

        private OrderedWork<(object Target, RequestResult Result, DayPlan Plan)> _work = null!;
        private LocalDayRange? _range;
        private ProgressRecord _progress = null!;
        private int _queued;
        private int _done;

        /// <summary>The UTC days to fetch, by calendar date (the time of day and kind are ignored). Default: today in UTC.</summary>
        [Parameter(ParameterSetName = DateSet)]
        [IsoDate]
        [ValidateNotNullOrEmpty]
        [PSDefaultValue(Help = "Today in UTC")]
        public DateTime[]? Date { get; set; }

        /// <summary>The first local day of a range (inclusive), in -TimeZone.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
        [IsoDate]
        public DateTime From { get; set; }

        /// <summary>The last local day of a range (inclusive), in -TimeZone. Default: -From.</summary>
        [Parameter(ParameterSetName = RangeSet)]
        [PSDefaultValue(Help = "The value of -From (a single day)")]
        [IsoDate]
        public DateTime? To { get; set; }

        /// <summary>The zone whose local days -From and -To mean (IANA or Windows id). Default: UTC.</summary>
        [Parameter(ParameterSetName = RangeSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        [PSDefaultValue(Help = "UTC")]
        public string TimeZone { get; set; } = "UTC";

        /// <summary>Only detections played at least this many seconds.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [PSDefaultValue(Help = "None (the API's default, 0)")]
        public int? MinDuration { get; set; }

        /// <summary>Only detections played at most this many seconds.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [PSDefaultValue(Help = "None (the API's default, 3600)")]
        public int? MaxDuration { get; set; }

        /// <summary>How many stream-days are fetched at once (output order does not change).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        [PSDefaultValue(Help = "8")]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>What the records are, for the progress bar and the verbose lines ("results").</summary>
        internal abstract string RecordNoun { get; }

        /// <summary>The type name the records get, which picks their table view.</summary>
        internal abstract string RecordTypeName { get; }

        /// <summary>True when, without -Date, no date at all is sent rather than today's (the latest results).</summary>
        internal virtual bool SendsNoDate => false;

        /// <summary>What the progress bar says the command is doing.</summary>
        internal virtual string Activity => "Getting ACRCloud " + RecordNoun;

        /// <summary>Decides, on the pipeline thread and before anything is sent, what becomes of one stream-day:
        /// its records (the default), a raw body handled on the worker, or nothing fetched at all.</summary>
        internal virtual DayPlan PlanDay(DaySource source, DateTime? day, object target) => DayPlan.Records;

        protected override void Begin()
        {
            if (MinDuration.HasValue && MaxDuration.HasValue && MinDuration > MaxDuration)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDurationRange",
                    $"-MinDuration {MinDuration} is greater than -MaxDuration {MaxDuration}.", MinDuration));
            }

            if (ParameterSetName == RangeSet) _range = RangeOf(this, From, To, TimeZone);

            base.Begin();
            _progress = new ProgressRecord(0x4143, Activity, "Starting");
            _work = new OrderedWork<(object, RequestResult, DayPlan)>(ThrottleLimit);
        }

        /// <summary>The local range of -From, -To and -TimeZone, or a terminating error on <paramref name="cmdlet"/>
        /// (shared with Import-AcrBmCsResult, which trims archived days exactly as the API's are trimmed).</summary>
        internal static LocalDayRange RangeOf(PSCmdlet cmdlet, DateTime from, DateTime? to, string timeZone)
        {
            if (!TimeZones.TryFind(timeZone, out var zone))
            {
                cmdlet.ThrowTerminatingError(AcrCloudErrors.UnknownTimeZone(timeZone));
            }

            var last = to ?? from;
            if (last.Date < from.Date)
            {
                cmdlet.ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDateRange",
                    $"-To {last:yyyy-MM-dd} is before -From {from:yyyy-MM-dd}.", to));
            }

            // The UTC days of a range at either end of the calendar fall outside what DateTime holds.
            if (from.Date < FirstDay || last.Date > LastDay)
            {
                cmdlet.ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.DateOutOfRange",
                    $"-From {from:yyyy-MM-dd} -To {last:yyyy-MM-dd} reaches past the end of the calendar; give days from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}.", last));
            }

            return new LocalDayRange(from, last, zone!);
        }

        /// <summary>The streams or channels of this pipeline input, in the order their records come out.</summary>
        internal abstract IEnumerable<DaySource> Sources();

        /// <summary>The cmdlet's own query parameters besides the date and the durations.</summary>
        internal virtual void AddQuery(List<KeyValuePair<string, string>> query)
        {
        }

        protected sealed override void ProcessRecord()
        {
            foreach (var source in Sources())
            {
                foreach (var day in Days())
                {
                    var target = source.TargetOf(day);
                    var plan = PlanDay(source, day, target);
                    if (plan.Skipped && plan.Output == null) continue;
                    var uri = plan.Skipped ? null : BuildUri(source.Path, Query(day));
                    if (uri == null) _work.Enqueue(() => Task.FromResult((target, RequestResult.Done(plan.Output), plan)));
                    else if (plan.Raw != null) _work.Enqueue(() => FetchRawAsync(target, uri, plan));
                    else _work.Enqueue(() => ReceiveAsync(HttpMethod.Get, uri, null, target), received => Finish(received, source, target, day, plan));
                    _queued++;
                }
            }

            // Emit whatever is already done, in order, without waiting for the rest.
            while (_work.NextIsReady) Emit(Await(_work.TakeNext()));
        }

        protected override void EndProcessing()
        {
            while (_work.Count > 0) Emit(Await(_work.TakeNext()));
            if (_queued > 1)
            {
                _progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(_progress);
            }

            base.EndProcessing();
        }

        /// <summary>The days in the order given: the UTC days overlapping a range; without -Date, today in UTC
        /// (or no date at all, see <see cref="SendsNoDate"/>).</summary>
        private IEnumerable<DateTime?> Days()
        {
            if (_range != null) return _range.UtcDays().Select(day => (DateTime?)day);
            if (Date == null) return new[] { SendsNoDate ? (DateTime?)null : DateTime.UtcNow.Date };
            // A day asked for twice is fetched and output once.
            return Date.Select(day => day.Date).Distinct().Select(day => (DateTime?)day);
        }

        /// <summary>Runs on a worker thread: fetches one stream-day and hands its raw body to the day's plan.</summary>
        private async Task<(object, RequestResult, DayPlan)> FetchRawAsync(object target, Uri uri, DayPlan plan)
        {
            try
            {
                var raw = await RequestAsync(HttpMethod.Get, uri, null, body => new List<object?> { plan.Raw!(body) }, target).ConfigureAwait(false);
                return (target, raw.WithoutResponse(), plan);
            }
            catch (Exception problem) when (problem is IOException || problem is UnauthorizedAccessException)
            {
                return (target, RequestResult.Failure(AcrCloudErrors.WriteFailed(problem, target)), plan);
            }
        }

        /// <summary>Runs on a worker thread, shortly before the day's turn in the output: parses a fetched
        /// stream-day, trims it to the range and labels every record.</summary>
        private (object, RequestResult, DayPlan) Finish(RequestResult received, DaySource source, object target, DateTime? day, DayPlan plan)
        {
            var result = Convert(received, JsonPSObjectConverter.ParseDataArray, HttpMethod.Get, target).WithoutResponse();
            if (result.Succeeded) Shape(result.Values, _range, TimeZone, day, RecordTypeName, source.Labels);
            return (target, result, plan);
        }

        /// <summary>Makes one day's parsed records what the cmdlets output: trimmed to the local range when the day
        /// reaches past its edges, typed, and labelled with their source (after the JSON's own properties) and, for a range, its zone.
        /// Import-AcrBmCsResult shapes archived days through here too, so both give the same objects.</summary>
        internal static void Shape(List<object?> records, LocalDayRange? range, string timeZone, DateTime? day, string typeName, IReadOnlyList<KeyValuePair<string, object>> labels)
        {
            if (range != null && day.HasValue && !range.Covers(day.Value))
            {
                records.RemoveAll(record => !IsInRange(record, range));
            }

            var appended = new List<KeyValuePair<string, object?>>(labels.Count + 1);
            foreach (var label in labels) appended.Add(new KeyValuePair<string, object?>(label.Key, label.Value));
            // The zone of the local days asked for, so that ConvertTo-AcrBmCsPlay need not be told it again.
            if (range != null) appended.Add(new KeyValuePair<string, object?>("TimeZone", timeZone));
            foreach (var record in records)
            {
                var view = JsonValues.ViewOf(record)?.Source;
                if (view == null) continue;
                view.Append(appended);
                view.TypeName = typeName;
            }
        }

        private static bool IsInRange(object? record, LocalDayRange range)
        {
            var metadata = JsonValues.Get(record, "metadata");
            return ApiTimestamp.TryParse(JsonValues.Get(metadata, "timestamp_utc"), out var start) && range.Contains(start);
        }

        private void Emit((object Target, RequestResult Result, DayPlan Plan) fetched)
        {
            _done++;
            var result = fetched.Result;
            if (!result.Succeeded)
            {
                WriteFailure(result.Error!);
                var failed = fetched.Plan.OnFailure?.Invoke();
                if (failed != null) WriteObject(failed);
            }
            else
            {
                if (fetched.Plan == DayPlan.Records) WriteVerbose($"{result.Values.Count} {RecordNoun} for {fetched.Target}.");
                foreach (var record in result.Values) WriteObject(record);
            }

            if (_queued > 1)
            {
                _progress.StatusDescription = $"{_done} of {_queued} stream-days";
                _progress.PercentComplete = (int)(100L * _done / _queued);
                WriteProgress(_progress);
            }
        }

        private List<KeyValuePair<string, string>> Query(DateTime? day)
        {
            var query = new List<KeyValuePair<string, string>>();
            AddQuery(query);
            if (day.HasValue) query.Add(new KeyValuePair<string, string>("date", day.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
            if (MinDuration.HasValue) query.Add(new KeyValuePair<string, string>("min_duration", MinDuration.Value.ToString(CultureInfo.InvariantCulture)));
            if (MaxDuration.HasValue) query.Add(new KeyValuePair<string, string>("max_duration", MaxDuration.Value.ToString(CultureInfo.InvariantCulture)));
            return query;
        }

        internal static KeyValuePair<string, object> Label(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>What becomes of one stream-day (see <see cref="PlanDay"/>).</summary>
        internal sealed class DayPlan
        {
            private DayPlan(Func<byte[], object>? raw, Func<object>? onFailure, bool skipped, object? output)
            {
                Raw = raw;
                OnFailure = onFailure;
                Skipped = skipped;
                Output = output;
            }

            /// <summary>Fetched, parsed into records and output (the default).</summary>
            public static DayPlan Records { get; } = new DayPlan(null, null, false, null);

            /// <summary>Runs on the worker with the body of a successful answer; returns what is output for the day.
            /// An <see cref="InvalidDataException"/> fails the day like a broken answer.</summary>
            public Func<byte[], object>? Raw { get; }

            /// <summary>What is output for the day after its error, when its request or <see cref="Raw"/> failed.</summary>
            public Func<object>? OnFailure { get; }

            /// <summary>Nothing is sent for the day.</summary>
            public bool Skipped { get; }

            /// <summary>For a skipped day: what is output in its place (null: nothing).</summary>
            public object? Output { get; }

            public static DayPlan Fetch(Func<byte[], object> raw, Func<object> onFailure) => new DayPlan(raw, onFailure, false, null);

            public static DayPlan Skip(object? output) => new DayPlan(null, null, true, output);
        }

        /// <summary>One stream or channel: where its days are, what its errors name, and the properties its
        /// records get after the JSON's own (the API's records do not say where they came from).</summary>
        internal sealed class DaySource
        {
            public DaySource(string path, Func<DateTime?, object> targetOf, params KeyValuePair<string, object>[] labels)
            {
                Path = path;
                TargetOf = targetOf;
                Labels = labels;
            }

            public string Path { get; }

            /// <summary>The TargetObject of a stream-day's error: which source and day it was.</summary>
            public Func<DateTime?, object> TargetOf { get; }

            public IReadOnlyList<KeyValuePair<string, object>> Labels { get; }
        }
    }
}
