using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>The broadcast-monitoring results of custom streams: one object per detection, exactly as the API sent it.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrBmCsResult")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAcrBmCsResultCommand : AcrCloudRequestCmdlet
    {
        /// <summary>The project (the API's bm-cs project id; stream objects carry it as mcp_id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("mcp_id", "project_id")]
        [ValidateRange(1, int.MaxValue)]
        public int ProjectId { get; set; }

        /// <summary>One or more stream ids (stream objects carry it as stream_id).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("stream_id")]
        [ValidateNotNullOrEmpty]
        public string[] StreamId { get; set; } = null!;

        /// <summary>The UTC days to fetch, by calendar date (the time of day and kind are ignored). Default: today in UTC.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public DateTime[]? Date { get; set; }

        /// <summary>Day (default): the whole UTC day. Last: the latest results.</summary>
        [Parameter]
        public AcrBmCsResultType Type { get; set; } = AcrBmCsResultType.Day;

        /// <summary>Only detections played at least this many seconds.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MinDuration { get; set; }

        /// <summary>Only detections played at most this many seconds.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxDuration { get; set; }

        /// <summary>Only recordings whose ISRC was registered in this country (two letters, such as CH).</summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z]{2}$")]
        public string? IsrcCountry { get; set; }

        /// <summary>Include the detections ACRCloud marks as likely false positives.</summary>
        [Parameter]
        public SwitchParameter WithFalsePositive { get; set; }

        protected override void BeginProcessing()
        {
            if (MinDuration.HasValue && MaxDuration.HasValue && MinDuration > MaxDuration)
            {
                ThrowTerminatingError(AcrCloudErrors.InvalidArgument("AcrCloud.InvalidDurationRange",
                    $"-MinDuration {MinDuration} is greater than -MaxDuration {MaxDuration}.", MinDuration));
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (var streamId in StreamId)
            {
                if (string.IsNullOrWhiteSpace(streamId)) continue;
                foreach (var day in Days())
                {
                    FetchDay(streamId, day);
                }
            }
        }

        /// <summary>The days in the order given; without -Date, today in UTC (or, for -Type Last, no date at all).</summary>
        private IEnumerable<DateTime?> Days()
        {
            if (Date == null)
            {
                yield return Type == AcrBmCsResultType.Last ? (DateTime?)null : DateTime.UtcNow.Date;
                yield break;
            }

            foreach (var day in Date) yield return day.Date;
        }

        private void FetchDay(string streamId, DateTime? day)
        {
            var path = "/api/bm-cs-projects/" + ProjectId.ToString(CultureInfo.InvariantCulture) + "/streams/" + Uri.EscapeDataString(streamId) + "/results";
            var uri = BuildUri(path, Parameters(day));
            var target = new ResultTarget(ProjectId, streamId, day);
            if (!TrySend(HttpMethod.Get, uri, null, target, out var response, out var error)
                || !TryConvert(HttpMethod.Get, response, JsonPSObjectConverter.ParseDataArray, target, out var records, out error))
            {
                WriteError(error!);
                return;
            }

            WriteVerbose($"{records.Count} results for stream {streamId}{(day.HasValue ? " on " + day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}.");
            foreach (var record in records) WriteObject(record);
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
