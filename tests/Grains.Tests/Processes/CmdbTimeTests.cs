using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.Tests.Processes;

public sealed class CmdbTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2019-06-05T06:59:12.065Z", "2019-06-05T14:59:12.065+08:00")]
    [InlineData("2019-06-05T06:59:12.060Z", "2019-06-05T14:59:12.06+08:00")]
    [InlineData("2019-06-05T06:59:12.100Z", "2019-06-05T14:59:12.1+08:00")]
    [InlineData("2019-06-05T06:59:12.000Z", "2019-06-05T14:59:12+08:00")]
    [InlineData("2019-12-31T20:00:00.001Z", "2020-01-01T04:00:00.001+08:00")]
    public void Times_are_rfc3339_with_trimmed_milliseconds_in_the_zone(string utc, string expected)
    {
        Assert.Equal(expected, CmdbTime.Format(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Shanghai));
    }

    [Fact]
    public void Zero_offset_is_written_z_and_negative_offsets_keep_their_sign()
    {
        var time = new DateTimeOffset(2024, 1, 15, 12, 0, 0, 5, TimeSpan.Zero);
        Assert.Equal("2024-01-15T12:00:00.005Z", CmdbTime.Format(time, TimeZoneInfo.Utc));
        Assert.Equal("2024-01-15T07:00:00.005-05:00", CmdbTime.Format(time, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
    }

    [Fact]
    public void Truncation_keeps_whole_milliseconds_only()
    {
        var time = new DateTimeOffset(2024, 1, 15, 12, 0, 0, 5, TimeSpan.FromHours(8)).AddTicks(9999);
        var truncated = CmdbTime.TruncateToMilliseconds(time);
        Assert.Equal(time.ToUnixTimeMilliseconds(), truncated.ToUnixTimeMilliseconds());
        Assert.Equal(0, truncated.UtcTicks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(truncated, CmdbTime.FromUnixMilliseconds(CmdbTime.ToUnixMilliseconds(truncated)));
    }
}
