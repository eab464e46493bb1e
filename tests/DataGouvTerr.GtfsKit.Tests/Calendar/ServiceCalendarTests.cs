using DataGouvTerr.GtfsKit.Calendar;

namespace DataGouvTerr.GtfsKit.Tests.Calendar;

public class ServiceCalendarTests
{
    private static readonly GtfsFeed Sample = GtfsFeed.Read(ReferenceFeeds.SampleZip);

    [Fact]
    public void Feed_dates_span_calendar_and_calendar_dates()
    {
        var calendar = new ServiceCalendar(Sample);

        Assert.Equal(new DateOnly(2007, 1, 1), calendar.FeedDates[0]);
        Assert.Equal(new DateOnly(2010, 12, 31), calendar.FeedDates[^1]);
        Assert.Equal(new DateOnly(2010, 12, 31).DayNumber - new DateOnly(2007, 1, 1).DayNumber + 1, calendar.FeedDates.Count);
    }

    [Fact]
    public void Weekly_pattern_and_removal_exception_resolve_per_date()
    {
        var calendar = new ServiceCalendar(Sample);

        Assert.Equal(["FULLW"], calendar.ActiveServices(new DateOnly(2007, 6, 5))); // a Tuesday
        Assert.Empty(calendar.ActiveServices(new DateOnly(2007, 6, 4))); // Monday, FULLW removed by calendar_dates
        Assert.Equal(["FULLW", "WE"], calendar.ActiveServices(new DateOnly(2007, 6, 9)).Order()); // Saturday
        Assert.Empty(calendar.ActiveServices(new DateOnly(2011, 1, 1))); // after end_date
    }

    [Fact]
    public void Added_service_runs_outside_its_weekly_pattern()
    {
        using var builder = FeedBuilder.Minimal().With("calendar_dates.txt", "service_id,date,exception_type\nWK,20260103,1\nX,20260104,1\n");
        var calendar = new ServiceCalendar(GtfsFeed.Read(builder.WriteFolder()));

        Assert.Contains("WK", calendar.ActiveServices(new DateOnly(2026, 1, 3))); // a Saturday, added
        Assert.Equal(["X"], calendar.ActiveServices(new DateOnly(2026, 1, 4)));
        Assert.True(calendar.IsActiveTrip(0, new DateOnly(2026, 1, 5)));
        Assert.False(calendar.IsActiveTrip(0, new DateOnly(2026, 1, 4)));
    }

    [Fact]
    public void Subset_dates_keeps_feed_dates_sorted_once()
    {
        var calendar = new ServiceCalendar(Sample);
        var dates = calendar.SubsetDates([new DateOnly(2011, 1, 1), new DateOnly(2007, 6, 5), new DateOnly(2007, 6, 4), new DateOnly(2007, 6, 5)]);

        Assert.Equal([new DateOnly(2007, 6, 4), new DateOnly(2007, 6, 5)], dates);
    }

    [Fact]
    public void First_week_and_busiest_date()
    {
        var calendar = new ServiceCalendar(Sample);
        var week = calendar.FirstWeek();

        Assert.Equal(new DateOnly(2007, 1, 1), week[0]); // 1 January 2007 was a Monday
        Assert.Equal(7, week.Count);
        Assert.Equal(new DateOnly(2007, 1, 6), calendar.BusiestDate(week)); // Saturday: FULLW + WE trips
    }

    [Fact]
    public void Cairns_weekday_has_the_weekday_services()
    {
        var cairns = GtfsFeed.Read(ReferenceFeeds.CairnsZip);
        var calendar = new ServiceCalendar(cairns);

        Assert.Equal(["CNS2014-CNS_MUL-Weekday-00"], calendar.ActiveServices(new DateOnly(2014, 5, 26)));
        Assert.Equal(["CNS2014-CNS_MUL-Sunday-00"], calendar.ActiveServices(new DateOnly(2014, 6, 9))); // public holiday: Sunday service instead
        Assert.Equal(2, calendar.ActiveServices(new DateOnly(2014, 5, 30)).Count); // Friday: weekday + Friday-only
    }
}
