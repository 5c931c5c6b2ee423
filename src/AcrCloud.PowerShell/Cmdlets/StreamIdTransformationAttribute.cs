using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>Trims ids given as text (a pasted ' s-onda-1 ' means s-onda-1) and refuses blank ones, which would
    /// otherwise ask the API for a path that does not exist or be skipped without a word.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class StreamIdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case string text:
                    return Trim(text);
                case IList list:
                    var ids = new List<object?>(list.Count);
                    foreach (var item in list) ids.Add(Transform(engineIntrinsics, item));
                    return ids.ToArray();
                default:
                    return inputData;
            }
        }

        private static string Trim(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0) throw new ArgumentTransformationMetadataException("An id is blank: give a stream id such as s-onda-1 (Get-AcrBmCsStream lists them).");
            return trimmed;
        }
    }
}
