using System;

namespace AcrCloud.Engine
{
    /// <summary>An absolute URL of another origin than the connection's: the token is never sent there.</summary>
    internal sealed class ForeignOriginException : ArgumentException
    {
        public ForeignOriginException(Uri target, Uri baseUri)
            : base($"'{target.GetLeftPart(UriPartial.Authority)}' is not the connection's origin '{baseUri.GetLeftPart(UriPartial.Authority)}'; the token is only sent to its own origin.")
        {
            Target = target;
        }

        public Uri Target { get; }
    }
}
