using System.Runtime.CompilerServices;

namespace AcrCloud.Engine
{
    /// <summary>How the JIT compiles the loops that run once per JSON value.</summary>
    internal static class HotPath
    {
        /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name. On .NET a
        /// method so marked is compiled optimised on its first call instead of starting in tier 0: a short run
        /// (a month of one stream is 14,000 records) would otherwise read most of its bytes in unoptimised code
        /// before the tiers catch up. .NET Framework has no tiers and ignores the flag.</summary>
        internal const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
