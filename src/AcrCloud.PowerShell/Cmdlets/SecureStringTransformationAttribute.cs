using System;
using System.Management.Automation;
using System.Security;

namespace AcrCloud.PowerShell
{
    /// <summary>Lets a SecureString parameter take a plain string too, as a convenience in interactive shells.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text) return ToSecureString(text);
            return value;
        }

        internal static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
