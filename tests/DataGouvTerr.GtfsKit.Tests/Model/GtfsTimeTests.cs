using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Tests.Model;

public class GtfsTimeTests
{
    [Theory]
    [InlineData("6:00:00", 21600)]
    [InlineData("06:00:00", 21600)]
    [InlineData(" 06:00:00 ", 21600)]
    [InlineData("25:10:00", 90600)]
    [InlineData("00:00:00", 0)]
    [InlineData("123:00:01", 442801)]
    public void Parses_times_past_midnight_as_seconds_of_the_service_day(string text, int seconds)
    {
        Assert.True(GtfsTime.TryParse(text, out var time));
        Assert.Equal(seconds, time.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6:0:00")]
    [InlineData("06:60:00")]
    [InlineData("06:00:61")]
    [InlineData("ab:00:00")]
    [InlineData("06-00-00")]
    public void Rejects_malformed_times(string text) => Assert.False(GtfsTime.TryParse(text, out _));

    [Fact]
    public void Formats_with_hours_beyond_24_kept() => Assert.Equal("25:10:00", GtfsTime.Parse("25:10:00").ToString());

    [Fact]
    public void Missing_formats_as_empty() => Assert.Equal("", GtfsTime.Missing.ToString());
}
