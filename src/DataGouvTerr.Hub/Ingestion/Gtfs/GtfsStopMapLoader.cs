using DataGouvTerr.GtfsKit;
using DataGouvTerr.GtfsKit.Calendar;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// What stop maps need from a version, written with its rows (same transaction): the service dates, the frequency
/// runs, and each stop's departures on the representative weekday, so the common map query is one indexed read
/// and any other date can be computed from the store.
/// </summary>
public static class GtfsStopMapLoader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static async Task WriteAsync(HubDbContext db, long versionId, GtfsFeed gtfs, CancellationToken ct)
    {
        var calendar = new ServiceCalendar(gtfs);
        foreach (var date in calendar.FeedDates)
        {
            db.AddRange(calendar.ActiveServices(date).Select(s => new GtfsServiceDateRecord { VersionId = versionId, ServiceId = s, Date = date }));
        }

        var runs = FrequencyExpander.ExpandRuns(gtfs);
        var runIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var index = runIndex[run.TripId] = runIndex.GetValueOrDefault(run.TripId) + 1;
            db.Add(new GtfsFrequencyRunRecord { VersionId = versionId, TripId = run.TripId, RunIndex = index, OffsetSeconds = run.OffsetSeconds });
        }

        var date0 = RepresentativeDate(calendar);
        var departures = date0 is { } d ? DeparturesOn(gtfs, calendar, d, runs) : [];
        var routeNames = gtfs.Routes.GroupBy(r => r.RouteId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => RouteName(g.First().RouteShortName, g.First().RouteLongName), StringComparer.Ordinal);
        foreach (var stop in gtfs.Stops.DistinctBy(s => s.StopId, StringComparer.Ordinal))
        {
            var stats = departures.TryGetValue(stop.StopId, out var list) ? StopDayStats.Compute(list) : StopDayStats.None;
            db.Add(ToRecord(versionId, stop.StopId, stop.StopName,
                stop is { StopLon: { } lon, StopLat: { } lat } ? Factory.CreatePoint(new Coordinate(lon, lat)) : null,
                date0, stats, routeNames));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The version's representative weekday: the busiest Monday-to-Friday date of the feed's first full week
    /// (gtfs_kit's get_first_week then compute_busiest_date, the first date on ties); without a full week, the busiest
    /// weekday of the feed's period; null when no date has service information.
    /// </summary>
    public static DateOnly? RepresentativeDate(ServiceCalendar calendar)
    {
        static bool IsWeekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var week = calendar.FirstWeek().Where(IsWeekday).ToList();
        return calendar.BusiestDate(week.Count > 0 ? week : calendar.FeedDates.Where(IsWeekday))
            ?? calendar.BusiestDate(calendar.FeedDates);
    }

    /// <summary>The departures of the date's trips (each frequency run counted) by stop_id.</summary>
    private static Dictionary<string, List<StopDeparture>> DeparturesOn(GtfsFeed gtfs, ServiceCalendar calendar, DateOnly date, IReadOnlyList<TripRun> runs)
    {
        var services = calendar.ActiveServices(date);
        var offsets = runs.ToLookup(r => r.TripId, r => r.OffsetSeconds, StringComparer.Ordinal);
        var st = gtfs.StopTimes;
        var order = st.TripOrder;
        var starts = st.TripStarts;
        var result = new Dictionary<string, List<StopDeparture>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trip in gtfs.Trips)
        {
            if (!seen.Add(trip.TripId) || !services.Contains(trip.ServiceId) || !st.TripIds.TryGetIndex(trip.TripId, out var pool))
            {
                continue;
            }
            int[] shifts = offsets.Contains(trip.TripId) ? [.. offsets[trip.TripId]] : [0];
            for (var k = starts[pool]; k < starts[pool + 1]; k++)
            {
                var row = order[k];
                var stopId = st.StopIds[st.StopIndex[row]];
                if (!result.TryGetValue(stopId, out var list))
                {
                    result[stopId] = list = [];
                }
                var departure = st.DepartureTime[row];
                foreach (var shift in shifts)
                {
                    list.Add(new StopDeparture(departure.HasValue ? departure.TotalSeconds + shift : null, trip.RouteId));
                }
            }
        }
        return result;
    }

    /// <summary>How a route is shown on a map: its short name, or its long name when it has none (GTFS asks for one of the two).</summary>
    public static string RouteName(string shortName, string longName) => string.IsNullOrEmpty(shortName) ? longName : shortName;

    public static GtfsStopDayStatsRecord ToRecord(
        long versionId, string stopId, string stopName, Geometry? location, DateOnly? date, StopDayStats stats, IReadOnlyDictionary<string, string> routeNames)
    {
        return new GtfsStopDayStatsRecord
        {
            VersionId = versionId,
            StopId = stopId,
            StopName = stopName,
            Location = location,
            Date = date,
            Routes = string.Join('|', stats.RouteIds.Select(r => routeNames.GetValueOrDefault(r, r)).Distinct().Order(StringComparer.Ordinal)),
            NumRoutes = stats.RouteIds.Count,
            NumTrips = stats.NumTrips,
            MaxHeadwayMinutes = stats.MaxHeadwayMinutes,
            MinHeadwayMinutes = stats.MinHeadwayMinutes,
            MeanHeadwayMinutes = stats.MeanHeadwayMinutes,
            StartSeconds = stats.StartSeconds,
            EndSeconds = stats.EndSeconds,
            HourlyDepartures = string.Join(',', stats.HourlyDepartures),
        };
    }
}
