using System;
using System.Globalization;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public class ApiTimestampTests
    {
        [Theory]
        [InlineData("2024-03-01 22:58:41", "2024-03-01T22:58:41.0000000Z")]
        [InlineData(" 2024-03-01 22:58:41 ", "2024-03-01T22:58:41.0000000Z")]
        [InlineData("2024-03-01T22:58:41", "2024-03-01T22:58:41.0000000Z")]
        [InlineData("2024-03-01 22:58:41.25", "2024-03-01T22:58:41.2500000Z")]
        [InlineData("2024-03-01T23:58:41+01:00", "2024-03-01T22:58:41.0000000Z")]
        [InlineData("2024-03-01T22:58:41.5Z", "2024-03-01T22:58:41.5000000Z")]
        public void Reads_the_apis_timestamps_as_utc(string text, string expected)
        {
            Assert.True(ApiTimestamp.TryParse(text, out var utc));
            Assert.Equal(DateTimeKind.Utc, utc.Kind);
            Assert.Equal(expected, utc.ToString("o", CultureInfo.InvariantCulture));
        }

        [Fact]
        public void Reads_timestamps_the_same_under_any_culture()
        {
            var saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            try
            {
                Assert.True(ApiTimestamp.TryParse("2024-03-01 22:58:41", out var utc));
                Assert.Equal(new DateTime(2024, 3, 1, 22, 58, 41, DateTimeKind.Utc), utc);
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("yesterday")]
        [InlineData("2024-02-30 10:00:00")]
        [InlineData("01.03.2024 22:58:41")]
        [InlineData("2024-03-01")]
        public void Refuses_what_is_not_a_timestamp(string? text)
        {
            Assert.False(ApiTimestamp.TryParse(text, out var utc));
            Assert.Equal(default, utc);
        }

        [Fact]
        public void Refuses_values_that_are_not_text()
        {
            Assert.False(ApiTimestamp.TryParse(new DateTime(2024, 3, 1, 22, 58, 41, DateTimeKind.Utc), out _));
            Assert.False(ApiTimestamp.TryParse(1709333921L, out _));
        }

        [Theory]
        [InlineData("2024-02-29 23:59:59")]
        [InlineData("2023-02-29 10:00:00")]
        [InlineData("2024-04-31 10:00:00")]
        [InlineData("2024-00-10 10:00:00")]
        [InlineData("2024-13-10 10:00:00")]
        [InlineData("2024-03-01 24:00:00")]
        [InlineData("2024-03-01 23:60:00")]
        [InlineData("2024-03-01 23:59:60")]
        [InlineData("0000-03-01 10:00:00")]
        [InlineData("9999-12-31 23:59:59")]
        [InlineData("0001-01-01 00:00:00")]
        [InlineData("2024-03-01T22:58:41")]
        [InlineData("2024-03-01x22:58:41")]
        [InlineData("2024/03/01 22:58:41")]
        [InlineData("2024-03-01 22:58:4a")]
        [InlineData("2024-03-01 2:58:41 ")]
        [InlineData("+024-03-01 22:58:41")]
        [InlineData("2024-03-01 22:58:41\u0000")]
        [InlineData("\u0662024-03-01 22:58:41")]
        public void Reads_the_plain_form_by_hand_exactly_as_the_formats_read_it(string text)
        {
            var expected = DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var byFormat) ||
                DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out byFormat);
            var read = ApiTimestamp.TryParsePlain(text, out var byHand);
            // The hand-written reader may leave a form to the formats, but never reads one differently.
            if (read)
            {
                Assert.True(expected);
                Assert.Equal(byFormat, byHand);
                Assert.Equal(DateTimeKind.Utc, byHand.Kind);
            }

            Assert.Equal(expected, ApiTimestamp.TryParse(text, out var either));
            Assert.Equal(byFormat, either);
        }

        [Fact]
        public void Reads_every_second_of_random_days_by_hand_as_the_formats_do()
        {
            var random = new Random(20261203);
            for (var i = 0; i < 20000; i++)
            {
                var instant = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextDouble() * 315537897599d);
                instant = instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));
                var text = instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                Assert.True(ApiTimestamp.TryParsePlain(text, out var byHand), text);
                Assert.Equal(instant, byHand);
            }
        }
    }
}
