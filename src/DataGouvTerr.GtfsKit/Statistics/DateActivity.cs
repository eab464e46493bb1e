using DataGouvTerr.GtfsKit.Calendar;

namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>
/// The dates a per-date statistic runs on (the requested ones that lie in the feed's period, sorted, as gtfs_kit's
/// subset_dates) and, per date, which trips run. Dates with the same set of active services share one computation,
/// as gtfs_kit memoizes on the set of active trip ids.
/// </summary>
internal sealed class DateActivity
{
    private readonly ServiceCalendar _calendar;
    private readonly Dictionary<string, string> _serviceByTrip = new(StringComparer.Ordinal);

    public DateActivity(GtfsFeed feed, IEnumerable<DateOnly> dates)
    {
        _calendar = new ServiceCalendar(feed);
        foreach (var t in feed.Trips)
        {
            _serviceByTrip.TryAdd(t.TripId, t.ServiceId);
        }

        Dates = _calendar.SubsetDates(dates);
    }

    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The active services of the date and a key equal for dates with the same active services.</summary>
    public (HashSet<string> Services, string Key) Active(DateOnly date)
    {
        var services = _calendar.ActiveServices(date);
        var key = string.Join('\u001F', services.Order(StringComparer.Ordinal));
        return (services, key);
    }

    public bool IsActive(HashSet<string> services, string tripId) =>
        _serviceByTrip.TryGetValue(tripId, out var service) && services.Contains(service);
}
