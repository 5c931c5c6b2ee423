using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;

namespace AcrCloud.PowerShell
{
    /// <summary>Lets a dictionary parameter take an object too, such as the <c>user_defined</c> of a stream from
    /// Get-AcrBmCsStream, so streams of one project pipe straight into another.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DictionaryTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is IDictionary || value is string) return inputData;
            var copy = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var property in PSObject.AsPSObject(inputData!).Properties.Where(p => p.IsGettable)) copy[property.Name] = property.Value;
            return copy;
        }
    }

    /// <summary>Lets a number parameter take an object with an <c>id</c>, such as the <c>config</c> of a stream
    /// record, which holds the recording configuration as an object.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class IdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is string || value is ValueType) return inputData;
            return JsonValues.Get(inputData, "id") ?? inputData;
        }
    }
}
