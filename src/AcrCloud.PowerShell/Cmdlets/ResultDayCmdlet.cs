using System.Collections.Generic;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>The result cmdlets of custom streams and broadcast-database channels: the days of
    /// <see cref="StreamDayCmdlet"/> and the filters only the results endpoints take.</summary>
    public abstract class ResultDayCmdlet : StreamDayCmdlet
    {
        /// <summary>Day (default): the whole UTC day. Last: the latest results.</summary>
        [Parameter(ParameterSetName = DateSet)]
        [PSDefaultValue(Help = "Day")]
        public AcrBmCsResultType Type { get; set; } = AcrBmCsResultType.Day;

        /// <summary>Only recordings whose ISRC was registered in this country (two letters, such as CH).</summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z]{2}$")]
        public string? IsrcCountry { get; set; }

        /// <summary>Include the detections ACRCloud marks as likely false positives.</summary>
        [Parameter]
        public SwitchParameter WithFalsePositive { get; set; }

        internal override string RecordNoun => "results";

        internal override bool SendsNoDate => Type == AcrBmCsResultType.Last;

        internal override void AddQuery(List<KeyValuePair<string, string>> query)
        {
            // The API's type is sent only when asked for, so a plain call sends nothing but the date.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Type))) query.Add(new KeyValuePair<string, string>("type", Type == AcrBmCsResultType.Last ? "last" : "day"));
            if (IsrcCountry != null) query.Add(new KeyValuePair<string, string>("isrc_country", IsrcCountry.ToUpperInvariant()));
            if (WithFalsePositive) query.Add(new KeyValuePair<string, string>("with_false_positive", "1"));
        }
    }
}
