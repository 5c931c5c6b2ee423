using System;
using System.Collections.Generic;

namespace AcrCloud.PowerShell
{
    /// <summary>A UTC interval cut where a zone's offset changes: each piece has one fixed offset, which is what an
    /// API that takes one <c>timeoffset</c> per request can answer correctly.</summary>
    internal static class FixedOffsetSegments
    {
        // Offsets change on the quarter hour in every zone in use (Nepal's +05:45, Lord Howe's half-hour shift).
        private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

        public static List<(DateTime StartUtc, DateTime EndUtc, TimeSpan Offset)> Split(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
        {
            var pieces = new List<(DateTime, DateTime, TimeSpan)>();
            var pieceStart = startUtc;
            var offset = zone.GetUtcOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc));
            for (var at = startUtc + Step; at < endUtc; at += Step)
            {
                var next = zone.GetUtcOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
                if (next == offset) continue;
                pieces.Add((pieceStart, at, offset));
                pieceStart = at;
                offset = next;
            }

            pieces.Add((pieceStart, endUtc, offset));
            return pieces;
        }
    }
}
