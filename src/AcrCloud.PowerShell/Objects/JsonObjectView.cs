using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>A JSON object from the API as PowerShell sees it: <see cref="JsonObjectAdapter"/> (registered for
    /// this type in AcrCloud.types.ps1xml) shows the JSON's properties as if it were a PSCustomObject.</summary>
    /// <remarks>It lives in the cmdlet assembly, which PowerShell loads itself, so the adapter can be matched to it by
    /// name; the JSON it reads stays in the engine. It has no public members besides ToString, so nothing but the
    /// JSON's properties shows.</remarks>
    public sealed class JsonObjectView
    {
        internal JsonObjectView(JsonObjectSource source)
        {
            Source = source;
        }

        internal JsonObjectSource Source { get; }

        /// <summary>Like a PSCustomObject: <c>@{name=value; …}</c>.</summary>
        public override string ToString() => Source.ToString();
    }
}
