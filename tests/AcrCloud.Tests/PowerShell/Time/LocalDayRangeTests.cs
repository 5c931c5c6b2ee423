using System;
using System.Globalization;
using System.Linq;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class LocalDayRangeTests
    {
        private static TimeZoneInfo Zurich()
        {
            Assert.True(TimeZones.TryFind("Europe/Zurich", out var zone));
            return zone;
        }

        private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
            new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);

        [Fact]
        public void Spans_the_local_days_in_utc_across_the_end_of_summer_time()
        {
            // 24 Oct 2026 starts at 22:00 UTC the day before (CEST, UTC+2); 26 Oct at 23:00 UTC on the 25th (CET, UTC+1).
            var range = new LocalDayRange(new DateTime(2026, 10, 24), new DateTime(2026, 10, 25), Zurich());
            Assert.Equal(Utc(2026, 10, 23, 22), range.StartUtc);
            Assert.Equal(Utc(2026, 10, 25, 23), range.EndUtc);
            Assert.Equal(DateTimeKind.Utc, range.StartUtc.Kind);
            Assert.Equal(TimeSpan.FromHours(49), range.EndUtc - range.StartUtc);
            Assert.Equal(new[] { Utc(2026, 10, 23), Utc(2026, 10, 24), Utc(2026, 10, 25) }, range.UtcDays().ToArray());
        }

        [Fact]
        public void Has_a_23_hour_day_at_the_start_of_summer_time()
        {
            var range = new LocalDayRange(new DateTime(2026, 3, 29), new DateTime(2026, 3, 29), Zurich());
            Assert.Equal(Utc(2026, 3, 28, 23), range.StartUtc);
            Assert.Equal(Utc(2026, 3, 29, 22), range.EndUtc);
            Assert.Equal(new[] { Utc(2026, 3, 28), Utc(2026, 3, 29) }, range.UtcDays().ToArray());
        }

        [Fact]
        public void Asks_for_every_utc_day_of_a_month_and_the_one_before()
        {
            var days = new LocalDayRange(new DateTime(2026, 10, 1), new DateTime(2026, 10, 31), Zurich()).UtcDays().ToArray();
            Assert.Equal(32, days.Length);
            Assert.Equal(Utc(2026, 9, 30), days[0]);
            Assert.Equal(Utc(2026, 10, 31), days[^1]);
            Assert.Equal(days.Length, days.Distinct().Count());
        }

        [Fact]
        public void Uses_only_the_date_of_from_and_to()
        {
            var range = new LocalDayRange(new DateTime(2026, 11, 1, 15, 30, 0), new DateTime(2026, 11, 2, 23, 59, 59), TimeZoneInfo.Utc);
            Assert.Equal(Utc(2026, 11, 1), range.StartUtc);
            Assert.Equal(Utc(2026, 11, 3), range.EndUtc);
            Assert.Equal(new[] { Utc(2026, 11, 1), Utc(2026, 11, 2) }, range.UtcDays().ToArray());
        }

        [Fact]
        public void Contains_its_first_instant_but_not_the_first_one_after_it()
        {
            var range = new LocalDayRange(new DateTime(2026, 10, 24), new DateTime(2026, 10, 25), Zurich());
            Assert.True(range.Contains(range.StartUtc));
            Assert.False(range.Contains(range.StartUtc.AddTicks(-1)));
            Assert.True(range.Contains(range.EndUtc.AddTicks(-1)));
            Assert.False(range.Contains(range.EndUtc));
            Assert.True(range.Contains(Utc(2026, 10, 25, 22, 59, 59)));
            Assert.False(range.Contains(Utc(2026, 10, 23, 21, 59, 59)));
        }

        [Fact]
        public void Covers_only_utc_days_wholly_inside()
        {
            var zurich = new LocalDayRange(new DateTime(2026, 10, 24), new DateTime(2026, 10, 25), Zurich());
            Assert.False(zurich.Covers(Utc(2026, 10, 23)));
            Assert.True(zurich.Covers(Utc(2026, 10, 24)));
            Assert.False(zurich.Covers(Utc(2026, 10, 25)));

            var utc = new LocalDayRange(new DateTime(2026, 11, 1), new DateTime(2026, 11, 2), TimeZoneInfo.Utc);
            Assert.True(utc.Covers(Utc(2026, 11, 1)));
            Assert.True(utc.Covers(Utc(2026, 11, 2)));
            Assert.False(utc.Covers(Utc(2026, 10, 31)));
            Assert.False(utc.Covers(Utc(2026, 11, 3)));
        }
    }
}
