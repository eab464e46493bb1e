using DataGouvTerr.Domain.Aggregation;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class TimeBinningTests
{
    [Theory]
    [InlineData(15, true)]
    [InlineData(60, true)]
    [InlineData(24 * 60, true)]
    [InlineData(7 * 24 * 60, true)]
    [InlineData(10, false)]
    [InlineData(45, true)]
    [InlineData(75, false)]
    [InlineData(5 * 24 * 60, false)]
    [InlineData(14 * 24 * 60, false)]
    public void Allows_only_quarter_hour_multiples_that_tile_a_week(int minutes, bool allowed) =>
        Assert.Equal(allowed, TimeBinning.IsAllowed(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Bins_nest_so_an_hour_is_exactly_four_quarters()
    {
        var quarter = new TimeBinning(TimeSpan.FromMinutes(15));
        var hour = new TimeBinning(TimeSpan.FromHours(1));
        var t = new DateTimeOffset(2026, 11, 30, 7, 44, 59, TimeSpan.Zero);

        Assert.Equal(hour.StartOf(hour.IndexOf(t)), new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(quarter.StartOf(quarter.IndexOf(t)), new DateTimeOffset(2026, 11, 30, 7, 30, 0, TimeSpan.Zero));
        Assert.Equal(hour.IndexOf(t), quarter.IndexOf(t) / 4);
    }

    [Fact]
    public void Weeks_start_on_monday_and_instants_before_the_origin_floor_down()
    {
        var week = new TimeBinning(TimeSpan.FromDays(7));
        var sunday = new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(DayOfWeek.Monday, week.StartOf(week.IndexOf(sunday)).DayOfWeek);
        Assert.Equal(-1, new TimeBinning(TimeSpan.FromHours(1)).IndexOf(TimeBinning.Origin.AddMinutes(-1)));
    }

    [Fact]
    public void Unix_milliseconds_and_instants_give_the_same_bin()
    {
        var binning = new TimeBinning(TimeSpan.FromMinutes(15));
        var t = new DateTimeOffset(2026, 11, 30, 7, 44, 59, 999, TimeSpan.Zero);

        Assert.Equal(binning.IndexOf(t), binning.IndexOfUnixMilliseconds(t.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void Rejects_a_bin_finer_than_fifteen_minutes() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeBinning(TimeSpan.FromMinutes(5)));
}
