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
        private object? _first;
        private int _count;
        private JsonArrayText? _array;

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

        protected override void ProcessRecord()
        {
            // The first input waits: alone (without -AsArray) it is written as one value, not as an array.
            if (++_count == 1)
            {
                _first = InputObject;
                return;
            }

            if (_array == null)
            {
                _array = new JsonArrayText(indented: !Compress);
                _array.Add(_first);
                _first = null;
            }

            _array.Add(InputObject);
        }

        protected override void EndProcessing()
        {
            try
            {
                if (_array == null)
                {
                    // Like ConvertTo-Json: one input is one value, several (or -AsArray) one array. An array given
                    // to -InputObject is written as the same array, just as fast as piped items.
                    var single = _count == 1 && !AsArray;
                    var items = single ? (_first is PSObject wrapped ? wrapped.BaseObject : _first) as object?[] : null;
                    if (single && !(items?.Length > JsonArrayText.BatchSize))
                    {
                        WriteObject(JsonTextWriter.Write(_first, indented: !Compress));
                        return;
                    }

                    _array = new JsonArrayText(indented: !Compress);
                    if (items != null)
                    {
                        foreach (var item in items) _array.Add(item);
                    }
                    else if (_count == 1)
                    {
                        _array.Add(_first);
                    }
                }

                // The batches' buffers go back before the text goes on down the pipeline.
                string text;
                using (var array = _array) text = array.ToText();
                _array = null;
                WriteObject(text);
            }
            catch (ArgumentException problem)
            {
                WriteError(AcrCloudErrors.InvalidArgument("AcrCloud.JsonTooDeep", problem.Message, InputObject));
            }
        }

        protected override void DisposeResources()
        {
            _array?.Dispose();
            _array = null;
            base.DisposeResources();
        }
    }
}
