using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading.Tasks;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The broadcast-monitoring results of custom streams: one object per detection, exactly as the API
    /// sent it, plus the ProjectId and StreamId it came from.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsResult", DefaultParameterSetName = DateSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmCsResultCommand : AcrCloudRequestCmdlet
    {
        private const string DateSet = "Date";
        private const string RangeSet = "Range";
        internal const string RecordTypeName = "AcrCloud.BmCsResult";
        private static readonly DateTime FirstDay = new DateTime(1, 1, 2);
        private static readonly DateTime LastDay = new DateTime(9999, 12, 29);

        private OrderedWork<(ResultTarget Request, RequestResult Result)> _work = null!;
        private LocalDayRange? _range;
        private int _queued;
        private int _done;
        private readonly ProgressRecord _progress = new ProgressRecord(0x4143, "Getting ACRCloud results", "Starting");

        /// <summary>The project (the API's bm-cs project id; stream objects carry it as mcp_id, project objects as id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        // mcp_id before id: a stream object has both, and its own id is not the project's.
        [Alias("mcp_id", "project_id", "id")]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more stream ids (stream objects carry it as stream_id; plain strings bind too), trimmed; a blank one is refused.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ArgumentCompleter(typeof(StreamIdCompleter))]
        [StreamIdTransformation]
        [ValidateNotNullOrEmpty]
        public string[] StreamId { get; set; } = null!;

        /// <summary>The UTC days to fetch, by calendar date (the time of day and kind are ignored). Default: today in UTC.</summary>
        [Parameter(ParameterSetName = DateSet)]
        [IsoDate]
        [ValidateNotNullOrEmpty]
        [PSDefaultValue(Help = "Today in UTC (none with -Type Last)")]
        public DateTime[]? Date { get; set; }

        /// <summary>Day (default): the whole UTC day. Last: the latest results.</summary>
        [Parameter(ParameterSetName = DateSet)]
        [PSDefaultValue(Help = "Day")]
        public AcrBmCsResultType Type { get; set; } = AcrBmCsResultType.Day;

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

        /// <summary>Only recordings whose ISRC was registered in this country (two letters, such as CH).</summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z]{2}$")]
        public string? IsrcCountry { get; set; }

        /// <summary>Include the detections ACRCloud marks as likely false positives.</summary>
        [Parameter]
        public SwitchParameter WithFalsePositive { get; set; }

        /// <summary>How many stream-days are fetched at once (output order does not change).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        [PSDefaultValue(Help = "8")]
        public int ThrottleLimit { get; set; } = 8;

        protected override void Begin()
        {
            if (MinDuration.HasValue && MaxDuration.HasValue && MinDuration > MaxDuration)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDurationRange",
                    $"-MinDuration {MinDuration} is greater than -MaxDuration {MaxDuration}.", MinDuration));
            }

            if (ParameterSetName == RangeSet)
            {
                if (!TimeZones.TryFind(TimeZone, out var zone))
                {
                    ThrowTerminatingError(AcrCloudErrors.UnknownTimeZone(TimeZone));
                }

                var to = To ?? From;
                if (to.Date < From.Date)
                {
                    ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDateRange",
                        $"-To {to:yyyy-MM-dd} is before -From {From:yyyy-MM-dd}.", To));
                }

                // The UTC days of a range at either end of the calendar fall outside what DateTime holds.
                if (From.Date < FirstDay || to.Date > LastDay)
                {
                    ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.DateOutOfRange",
                        $"-From {From:yyyy-MM-dd} -To {to:yyyy-MM-dd} reaches past the end of the calendar; give days from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}.", to));
                }

                _range = new LocalDayRange(From, to, zone);
            }

            base.Begin();
            _work = new OrderedWork<(ResultTarget, RequestResult)>(ThrottleLimit);
        }

        protected override void ProcessRecord()
        {
            foreach (var streamId in StreamId)
            {
                foreach (var day in Days())
                {
                    var request = new ResultTarget(ProjectId, streamId, day);
                    var uri = BuildUri(PathOf(request), Parameters(day));
                    _work.Enqueue(() => FetchAsync(request, uri));
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
        /// (or, for -Type Last, no date at all).</summary>
        private IEnumerable<DateTime?> Days()
        {
            if (_range != null) return _range.UtcDays().Select(day => (DateTime?)day);
            if (Date == null) return new[] { Type == AcrBmCsResultType.Last ? (DateTime?)null : DateTime.UtcNow.Date };
            // A day asked for twice is fetched and output once.
            return Date.Select(day => day.Date).Distinct().Select(day => (DateTime?)day);
        }

        private static string PathOf(ResultTarget request) => ApiRoutes.BmCsResults(request.ProjectId, request.StreamId);

        /// <summary>Runs on a worker thread: fetches one stream-day, converts it and labels every record.</summary>
        private async Task<(ResultTarget, RequestResult)> FetchAsync(ResultTarget request, Uri uri)
        {
            var result = await RequestAsync(HttpMethod.Get, uri, null, JsonPSObjectConverter.ParseDataArray, request).ConfigureAwait(false);
            if (!result.Succeeded) return (request, result);

            var records = result.Values;
            if (_range != null && request.Date.HasValue && !_range.Covers(request.Date.Value))
            {
                records.RemoveAll(record => !IsInRange(record));
            }

            foreach (var record in records)
            {
                if (!((record as PSObject)?.BaseObject is JsonObjectView { Source: var view })) continue;
                view.TypeName = RecordTypeName;
                view.Append("ProjectId", request.ProjectId);
                view.Append("StreamId", request.StreamId);
            }

            return (request, result);
        }

        private bool IsInRange(object? record)
        {
            var metadata = JsonValues.Get(record, "metadata");
            return LocalDayRange.TryParseApiTimestamp(JsonValues.Get(metadata, "timestamp_utc"), out var start) && _range!.Contains(start);
        }

        private void Emit((ResultTarget Request, RequestResult Result) fetched)
        {
            _done++;
            var result = fetched.Result;
            if (!result.Succeeded)
            {
                WriteError(result.Error!);
            }
            else
            {
                WriteVerbose($"{result.Values.Count} results for {fetched.Request}.");
                foreach (var record in result.Values) WriteObject(record);
            }

            if (_queued > 1)
            {
                _progress.StatusDescription = $"{_done} of {_queued} stream-days";
                _progress.PercentComplete = (int)(100L * _done / _queued);
                WriteProgress(_progress);
            }
        }

        private List<KeyValuePair<string, string>> Parameters(DateTime? day)
        {
            var query = new List<KeyValuePair<string, string>>();
            void Add(string name, string value) => query.Add(new KeyValuePair<string, string>(name, value));
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Type))) Add("type", Type == AcrBmCsResultType.Last ? "last" : "day");
            if (day.HasValue) Add("date", day.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            if (MinDuration.HasValue) Add("min_duration", MinDuration.Value.ToString(CultureInfo.InvariantCulture));
            if (MaxDuration.HasValue) Add("max_duration", MaxDuration.Value.ToString(CultureInfo.InvariantCulture));
            if (IsrcCountry != null) Add("isrc_country", IsrcCountry.ToUpperInvariant());
            if (WithFalsePositive) Add("with_false_positive", "1");
            return query;
        }
    }
}
