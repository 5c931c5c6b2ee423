using System.Management.Automation;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Sums up play rows by stream, day, track or artist: plays, airtime, distinct tracks, first and last play.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "AcrBmCsPlay")]
    [OutputType(typeof(AcrBmCsPlaySummary))]
    public sealed class MeasureAcrBmCsPlayCommand : AcrCloudCmdlet
    {
        private PlaySummary? _summary;

        /// <summary>A play row from ConvertTo-AcrBmCsPlay.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public AcrBmCsPlay InputObject { get; set; } = null!;

        /// <summary>What to group by: Stream, Day (the local day of StartLocal), Track (Acrid) or Artist.</summary>
        [Parameter(Position = 0)]
        public AcrBmCsPlayGroup GroupBy { get; set; } = AcrBmCsPlayGroup.Stream;

        /// <summary>Only the groups with the most airtime, this many.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; }

        protected override void Begin() => _summary = new PlaySummary(GroupBy);

        protected override void ProcessRecord() => _summary!.Add(InputObject);

        protected override void EndProcessing()
        {
            foreach (var group in _summary!.Groups(MyInvocation.BoundParameters.ContainsKey(nameof(Top)) ? Top : (int?)null))
            {
                WriteObject(group);
            }
        }
    }
}
