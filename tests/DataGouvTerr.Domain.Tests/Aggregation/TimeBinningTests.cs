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

public class TerritoryTimeBinningTests
{
    private static readonly TimeZoneInfo Paris = TerritoryTime.Paris;

    [Fact]
    public void The_spring_forward_day_of_2026_is_a_23_hour_day_bin_with_23_hour_bins()
    {
        var day = new TimeBinning(TimeSpan.FromDays(1), Paris);
        var hour = new TimeBinning(TimeSpan.FromHours(1), Paris);
        var noon = new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.FromHours(2));

        var bin = day.IndexOf(noon);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), day.StartOf(bin));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)), day.EndOf(bin));
        Assert.Equal(TimeSpan.FromHours(23), day.EndOf(bin) - day.StartOf(bin));
        var hours = Enumerable.Range(0, 30).Select(h => day.StartOf(bin).AddHours(h)).Where(t => t < day.EndOf(bin)).Select(hour.IndexOf).Distinct().ToList();
        Assert.Equal(23, hours.Count);
        // Bins carry their start in legal time: 01:00+01:00 is followed by 03:00+02:00.
        Assert.Equal("2026-03-29T01:00:00+01:00", hour.LocalStartOf(hours[1]).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2026-03-29T03:00:00+02:00", hour.LocalStartOf(hours[2]).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_fall_back_day_of_2026_is_a_25_hour_day_bin_and_the_repeated_hour_is_two_hour_bins()
    {
        var day = new TimeBinning(TimeSpan.FromDays(1), Paris);
        var hour = new TimeBinning(TimeSpan.FromHours(1), Paris);
        var bin = day.IndexOf(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)), day.StartOf(bin));
        Assert.Equal(TimeSpan.FromHours(25), day.EndOf(bin) - day.StartOf(bin));
        var first = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2));
        var second = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1));
        Assert.NotEqual(hour.IndexOf(first), hour.IndexOf(second));
        Assert.Equal(TimeSpan.FromHours(2), hour.LocalStartOf(hour.IndexOf(first)).Offset);
        Assert.Equal(TimeSpan.FromHours(1), hour.LocalStartOf(hour.IndexOf(second)).Offset);
        // A local two-hour bin holding the repeated hour lasts three hours, and holds both 02:30s.
        var twoHours = new TimeBinning(TimeSpan.FromHours(2), Paris);
        Assert.Equal(twoHours.IndexOf(first), twoHours.IndexOf(second));
        Assert.Equal(TimeSpan.FromHours(3), twoHours.EndOf(twoHours.IndexOf(first)) - twoHours.StartOf(twoHours.IndexOf(first)));
    }

    [Fact]
    public void Local_days_start_at_local_midnight_and_weeks_on_local_monday()
    {
        var day = new TimeBinning(TimeSpan.FromDays(1), Paris);
        var week = new TimeBinning(TimeSpan.FromDays(7), Paris);
        // 23:30 UTC on Sunday 29 November is already Monday 00:30 in Paris (winter, +01:00).
        var t = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(1)), day.StartOf(day.IndexOf(t)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(1)), week.StartOf(week.IndexOf(t)));
        Assert.Equal(day.IndexOf(t), day.IndexOfUnixMilliseconds(t.ToUnixTimeMilliseconds()));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), new TimeBinning(TimeSpan.FromDays(1)).StartOf(new TimeBinning(TimeSpan.FromDays(1)).IndexOf(t)));
    }

    [Fact]
    public void Every_quarter_of_a_dst_day_falls_in_the_local_day_and_hour_holding_it()
    {
        var quarter = new TimeBinning(TimeSpan.FromMinutes(15), Paris);
        var day = new TimeBinning(TimeSpan.FromDays(1), Paris);
        var start = new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero);
        for (var q = quarter.IndexOf(start); quarter.StartOf(q) < start.AddDays(3); q++)
        {
            var d = day.IndexOf(quarter.StartOf(q));
            Assert.True(day.StartOf(d) <= quarter.StartOf(q) && quarter.EndOf(q) <= day.EndOf(d));
        }
    }
}
