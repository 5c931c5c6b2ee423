using System;
using System.Linq;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class TimeZonesTests
    {
        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        [InlineData("UTC")]
        [InlineData("utc")]
        [InlineData("Etc/UTC")]
        public void Takes_nothing_and_the_names_of_utc_as_utc(string? id)
        {
            Assert.True(TimeZones.TryFind(id, out var zone));
            Assert.Same(TimeZoneInfo.Utc, zone);
        }

        [Fact]
        public void Finds_a_zone_by_its_iana_or_its_windows_id_with_the_same_rules()
        {
            Assert.True(TimeZones.TryFind("Europe/Zurich", out var iana));
            Assert.True(TimeZones.TryFind("W. Europe Standard Time", out var windows));
            foreach (var instant in new[] { new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc) })
            {
                Assert.Equal(iana.GetUtcOffset(instant), windows.GetUtcOffset(instant));
            }

            Assert.Equal(TimeSpan.FromHours(2), iana.GetUtcOffset(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc)));
            Assert.Equal(TimeSpan.FromHours(1), iana.GetUtcOffset(new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc)));
        }

        [Theory]
        [InlineData("Mars/Olympus")]
        [InlineData("Europe/Zürich")]
        [InlineData("GMT+25")]
        public void Does_not_find_an_unknown_zone(string id) => Assert.False(TimeZones.TryFind(id, out _));

        [Fact]
        public void Offers_utc_first_then_every_zone_once()
        {
            var ids = TimeZones.Ids().ToList();
            Assert.Equal("UTC", ids[0]);
            Assert.Contains("Europe/Zurich", ids);
            Assert.Contains("W. Europe Standard Time", ids);
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(ids, id => Assert.True(TimeZones.TryFind(id, out _), id));
        }

        [Fact]
        public void Starts_a_local_day_at_its_midnight_in_utc()
        {
            Assert.True(TimeZones.TryFind("Europe/Zurich", out var zurich));
            Assert.Equal(new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc), TimeZones.StartOfLocalDayUtc(new DateTime(2026, 10, 25, 18, 45, 0), zurich));
            Assert.Equal(new DateTime(2026, 10, 25, 23, 0, 0, DateTimeKind.Utc), TimeZones.StartOfLocalDayUtc(new DateTime(2026, 10, 26, 0, 0, 0, DateTimeKind.Local), zurich));
        }

        [Fact]
        public void Starts_a_day_without_a_midnight_at_its_first_real_local_time()
        {
            // Chile springs forward at midnight: on 6 Sep 2026 the clocks go from 23:59:59 (UTC-4) to 01:00 (UTC-3).
            Assert.True(TimeZones.TryFind("America/Santiago", out var santiago));
            Assert.True(santiago.IsInvalidTime(new DateTime(2026, 9, 6, 0, 0, 0)));
            Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), TimeZones.StartOfLocalDayUtc(new DateTime(2026, 9, 6), santiago));
            Assert.Equal(new DateTime(2026, 9, 5, 4, 0, 0, DateTimeKind.Utc), TimeZones.StartOfLocalDayUtc(new DateTime(2026, 9, 5), santiago));
        }
    }
}
