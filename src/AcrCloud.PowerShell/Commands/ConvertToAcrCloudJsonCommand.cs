using System.Collections.Generic;
using System;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell.Commands
{
    /// <summary>Writes the module's records (and any other values) as JSON text straight from the parsed data: the
    /// API's names (both keys of a pair that differs only by case), order and values at every depth, many times
    /// faster than ConvertTo-Json, which reads each property through PowerShell.</summary>
    [Cmdlet(VerbsData.ConvertTo, "AcrCloudJson")]
    [OutputType(typeof(string))]
    public sealed class ConvertToAcrCloudJsonCommand : AcrCloudCmdlet
    {
        private readonly List<object?> _values = new List<object?>();

        /// <summary>The objects to convert: records of Get-AcrBmCsResult, answers of Invoke-AcrCloudRequest, or
        /// any value (PSCustomObjects and hashtables become objects, lists arrays).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? InputObject { get; set; }

        /// <summary>One line, without indentation.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>A JSON array even for a single input, as ConvertTo-Json -AsArray.</summary>
        [Parameter]
        public SwitchParameter AsArray { get; set; }

        protected override void ProcessRecord() => _values.Add(InputObject);

        protected override void EndProcessing()
        {
            try
            {
                // Like ConvertTo-Json: one input is one value, several (or -AsArray) one array.
                object? value = _values.Count == 1 && !AsArray ? _values[0] : _values;
                WriteObject(JsonTextWriter.Write(value, indented: !Compress));
            }
            catch (ArgumentException problem)
            {
                WriteError(AcrCloudErrors.InvalidArgument("AcrCloud.JsonTooDeep", problem.Message, InputObject));
            }
        }
    }
}
