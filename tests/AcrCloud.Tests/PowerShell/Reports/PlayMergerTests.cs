using System;
using System.Collections.Generic;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class PlayMergerTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 2, 7, 0, 0, DateTimeKind.Utc);

        private static AcrBmCsPlay Play(string acrid, int atSec, int? seconds, string stream = "s1") => new AcrBmCsPlay
        {
            StreamId = stream,
            StartUtc = Start.AddSeconds(atSec),
            EndUtc = seconds.HasValue ? Start.AddSeconds(atSec + seconds.Value) : (DateTime?)null,
            DurationSec = seconds,
            Acrid = acrid,
        };

        private static List<AcrBmCsPlay> Merge(int maxGap, params AcrBmCsPlay[] plays)
        {
            var merger = new PlayMerger(maxGap);
            var rows = new List<AcrBmCsPlay>();
            foreach (var play in plays)
            {
                var done = merger.Add(play);
                if (done != null) rows.Add(done);
            }

            var last = merger.Flush();
            if (last != null) rows.Add(last);
            return rows;
        }

        [Fact]
        public void Parts_within_the_gap_become_one_airing_and_the_inputs_stay_as_they_were()
        {
            var first = Play("a", 0, 100);
            var second = Play("a", 160, 40);
            var rows = Merge(60, first, second);
            var row = Assert.Single(rows);
            Assert.Equal(140, row.DurationSec);
            Assert.Equal(Start, row.StartUtc);
            Assert.Equal(Start.AddSeconds(200), row.EndUtc);
            Assert.Equal(100, first.DurationSec);
            Assert.Equal(Start.AddSeconds(100), first.EndUtc);
        }

        [Theory]
        [InlineData(161, 2)]
        [InlineData(160, 1)]
        public void The_gap_is_measured_from_the_end_of_the_previous_part(int secondStart, int rows) =>
            Assert.Equal(rows, Merge(60, Play("a", 0, 100), Play("a", secondStart, 40)).Count);

        [Fact]
        public void Other_songs_streams_and_rows_without_an_acrid_or_a_duration_are_never_joined()
        {
            Assert.Equal(2, Merge(60, Play("a", 0, 100), Play("b", 100, 40)).Count);
            Assert.Equal(2, Merge(60, Play("a", 0, 100), Play("a", 100, 40, "s2")).Count);
            Assert.Equal(2, Merge(60, Play("", 0, 100), Play("", 100, 40)).Count);
            Assert.Equal(2, Merge(60, Play("a", 0, null), Play("a", 10, 40)).Count);
        }
    }
}
