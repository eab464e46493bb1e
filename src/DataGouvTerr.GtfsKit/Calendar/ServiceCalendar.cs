using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Calendar;

/// <summary>
/// calendar.txt and calendar_dates.txt resolved into active services per date, with gtfs_kit 12's rule
/// (get_active_services): services whose weekly pattern covers the date, plus those added that date (exception_type 1),
/// minus those removed that date (exception_type 2). A trip is active on the date its service is active: a trip
/// running past midnight belongs to the day it starts.
/// </summary>
public sealed class ServiceCalendar
{
    private readonly GtfsFeed _feed;
    private readonly Dictionary<DateOnly, List<CalendarDate>> _exceptionsByDate = [];

    public ServiceCalendar(GtfsFeed feed)
    {
        _feed = feed;
        foreach (var cd in feed.CalendarDates)
        {
            if (cd.Date is { } date)
            {
                if (!_exceptionsByDate.TryGetValue(date, out var list))
                {
                    _exceptionsByDate[date] = list = [];
                }

                list.Add(cd);
            }
        }

        FeedDates = ComputeFeedDates(feed);
    }

    /// <summary>
    /// Every date from the earliest calendar start_date or calendar_dates date to the latest end_date or date
    /// (gtfs_kit's get_dates); empty when the feed has no dated service.
    /// </summary>
    public IReadOnlyList<DateOnly> FeedDates { get; }

    /// <summary>The given dates that lie in <see cref="FeedDates"/>, sorted and without repeats (gtfs_kit's subset_dates).</summary>
    public IReadOnlyList<DateOnly> SubsetDates(IEnumerable<DateOnly> dates)
    {
        if (FeedDates.Count == 0)
        {
            return [];
        }

        var first = FeedDates[0];
        var last = FeedDates[^1];
        return dates.Where(d => d >= first && d <= last).Distinct().Order().ToList();
    }

    /// <summary>Service ids active on the date.</summary>
    public HashSet<string> ActiveServices(DateOnly date)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _feed.Calendar)
        {
            if (c.StartDate is { } start && c.EndDate is { } end && start <= date && date <= end && c.RunsOn(date.DayOfWeek))
            {
                active.Add(c.ServiceId);
            }
        }

        if (_exceptionsByDate.TryGetValue(date, out var exceptions))
        {
            foreach (var cd in exceptions.Where(e => e.ExceptionType == 1))
            {
                active.Add(cd.ServiceId);
            }

            foreach (var cd in exceptions.Where(e => e.ExceptionType == 2))
            {
                active.Remove(cd.ServiceId);
            }
        }

        return active;
    }

    /// <summary>For each trip of feed.Trips (same order), whether it runs on the date.</summary>
    public bool[] ActiveTrips(DateOnly date)
    {
        var services = ActiveServices(date);
        var result = new bool[_feed.Trips.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = services.Contains(_feed.Trips[i].ServiceId);
        }

        return result;
    }

    /// <summary>Whether the trip (by its index in feed.Trips) runs on the date.</summary>
    public bool IsActiveTrip(int tripIndex, DateOnly date) => ActiveServices(date).Contains(_feed.Trips[tripIndex].ServiceId);

    /// <summary>The first date among those given with the most active trips (gtfs_kit's compute_busiest_date).</summary>
    public DateOnly? BusiestDate(IEnumerable<DateOnly> dates)
    {
        DateOnly? best = null;
        var bestCount = -1;
        foreach (var date in SubsetDates(dates))
        {
            var count = ActiveTrips(date).Count(a => a);
            if (count > bestCount)
            {
                best = date;
                bestCount = count;
            }
        }

        return best;
    }

    /// <summary>The first Monday-to-Sunday week (or its start) of the feed's dates (gtfs_kit's get_first_week).</summary>
    public IReadOnlyList<DateOnly> FirstWeek()
    {
        for (var i = 0; i < FeedDates.Count; i++)
        {
            if (FeedDates[i].DayOfWeek == DayOfWeek.Monday)
            {
                return FeedDates.Skip(i).Take(7).ToList();
            }
        }

        return [];
    }

    private static List<DateOnly> ComputeFeedDates(GtfsFeed feed)
    {
        var bounds = new List<DateOnly>();
        var starts = feed.Calendar.Select(c => c.StartDate).OfType<DateOnly>().ToList();
        var ends = feed.Calendar.Select(c => c.EndDate).OfType<DateOnly>().ToList();
        var dates = feed.CalendarDates.Select(c => c.Date).OfType<DateOnly>().ToList();
        if (starts.Count > 0)
        {
            bounds.Add(starts.Min());
        }

        if (ends.Count > 0)
        {
            bounds.Add(ends.Max());
        }

        if (dates.Count > 0)
        {
            bounds.Add(dates.Min());
            bounds.Add(dates.Max());
        }

        if (bounds.Count == 0)
        {
            return [];
        }

        var first = bounds.Min();
        var last = bounds.Max();
        var result = new List<DateOnly>(last.DayNumber - first.DayNumber + 1);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            result.Add(d);
        }

        return result;
    }
}
