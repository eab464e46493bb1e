using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// calendar.txt and calendar_dates.txt resolved into the set of dates each service_id runs
/// (weekly pattern between start_date and end_date, plus added dates, minus removed dates).
/// </summary>
public sealed class ServiceCalendar
{
    // A calendar spanning decades would make every date set huge; no timetable is meaningful that far out.
    private const int MaxDaysPerService = 3 * 366;

    private readonly Dictionary<string, SortedSet<DateOnly>> _dates = new(StringComparer.Ordinal);

    public ServiceCalendar(GtfsRawFeed feed)
    {
        if (feed.Table(GtfsFileNames.Calendar) is { } calendar)
        {
            string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
            for (var row = 0; row < calendar.RowCount; row++)
            {
                var id = calendar.Get(row, "service_id");
                if (id.Length == 0 || !GtfsFieldParser.TryParseDate(calendar.Get(row, "start_date"), out var start)
                    || !GtfsFieldParser.TryParseDate(calendar.Get(row, "end_date"), out var end))
                {
                    continue;
                }
                var runs = days.Select(d => calendar.Get(row, d) == "1").ToArray();
                var set = DatesOf(id);
                for (var date = start; date <= end && date.DayNumber - start.DayNumber < MaxDaysPerService; date = date.AddDays(1))
                {
                    // DayOfWeek counts from Sunday; the GTFS columns from Monday.
                    if (runs[((int)date.DayOfWeek + 6) % 7])
                    {
                        set.Add(date);
                    }
                }
            }
        }
        if (feed.Table(GtfsFileNames.CalendarDates) is { } exceptions)
        {
            for (var row = 0; row < exceptions.RowCount; row++)
            {
                var id = exceptions.Get(row, "service_id");
                if (id.Length == 0 || !GtfsFieldParser.TryParseDate(exceptions.Get(row, "date"), out var date))
                {
                    continue;
                }
                switch (exceptions.Get(row, "exception_type"))
                {
                    case "1":
                        DatesOf(id).Add(date);
                        break;
                    case "2":
                        DatesOf(id).Remove(date);
                        break;
                }
            }
        }
    }

    public IEnumerable<string> ServiceIds => _dates.Keys;

    /// <summary>The dates a service runs, empty for an unknown service.</summary>
    public IReadOnlySet<DateOnly> Dates(string serviceId) => _dates.TryGetValue(serviceId, out var set) ? set : new SortedSet<DateOnly>();

    public DateOnly? LastDate(string serviceId) => _dates.TryGetValue(serviceId, out var set) && set.Count > 0 ? set.Max : null;

    public bool ShareADate(string serviceA, string serviceB) =>
        serviceA == serviceB ? Dates(serviceA).Count > 0 : Dates(serviceA).Overlaps(Dates(serviceB));

    private SortedSet<DateOnly> DatesOf(string id)
    {
        if (!_dates.TryGetValue(id, out var set))
        {
            _dates[id] = set = [];
        }
        return set;
    }
}
