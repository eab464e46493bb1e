using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Statistics;

public static partial class GtfsStats
{
    /// <summary>
    /// Network statistics per date (gtfs_kit's compute_network_stats): stops, routes and trips of the trips that start
    /// on the date, trips ending before 24:00:00, the peak of simultaneous trips, and service distance, duration and
    /// speed (0 when the distance is 0). Optionally one row per route_type.
    /// </summary>
    public static IReadOnlyList<NetworkStats> ComputeNetworkStats(
        GtfsFeed feed, IEnumerable<DateOnly> dates, IReadOnlyList<TripStats>? tripStats = null, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        var activity = new DateActivity(feed, dates);
        var result = new List<NetworkStats>();
        if (activity.Dates.Count == 0)
        {
            return result;
        }

        tripStats ??= ComputeTripStats(feed, options: options);
        var st = feed.StopTimes;
        var memo = new Dictionary<string, List<NetworkStats>>(StringComparer.Ordinal);
        foreach (var date in activity.Dates)
        {
            var (services, key) = activity.Active(date);
            if (!memo.TryGetValue(key, out var stats))
            {
                var subset = tripStats.Where(t => activity.IsActive(services, t.TripId) && st.TripIds.TryGetIndex(t.TripId, out _)).ToList();
                IEnumerable<(int? RouteType, List<TripStats> Trips)> groups = options.SplitRouteTypes
                    ? subset.Where(t => t.RouteType.HasValue).GroupBy(t => t.RouteType).OrderBy(g => g.Key).Select(g => (g.Key, g.ToList()))
                    : subset.Count > 0 ? [(null, subset)] : [];
                memo[key] = stats = groups.Select(g => NetworkRow(feed, g.RouteType, g.Trips)).ToList();
            }

            result.AddRange(stats.Select(s => s with { Date = date }));
        }

        return result;
    }

    private static NetworkStats NetworkRow(GtfsFeed feed, int? routeType, List<TripStats> trips)
    {
        var st = feed.StopTimes;
        var stopSeen = new bool[st.StopIds.Count];
        var numStops = 0;
        var order = st.TripOrder;
        var starts = st.TripStarts;
        foreach (var t in trips)
        {
            st.TripIds.TryGetIndex(t.TripId, out var pool);
            for (var k = starts[pool]; k < starts[pool + 1]; k++)
            {
                ref var seen = ref stopSeen[st.StopIndex[order[k]]];
                numStops += seen ? 0 : 1;
                seen = true;
            }
        }

        var distance = SumSkippingNaN(trips.Select(t => t.Distance));
        var duration = SumSkippingNaN(trips.Select(t => t.Duration));
        var (peak, peakStart, peakEnd) = PeakFinder.Find(trips.Select(t => (t.StartTime.TotalSeconds, t.EndTime.TotalSeconds)));
        return new NetworkStats
        {
            RouteType = routeType,
            NumStops = numStops,
            NumRoutes = trips.Select(t => t.RouteId).Distinct(StringComparer.Ordinal).Count(),
            NumTrips = trips.Count,
            NumTripStarts = trips.Count(t => t.StartTime.HasValue),
            NumTripEnds = trips.Count(t => t.EndTime.HasValue && t.EndTime.TotalSeconds < SecondsPerDay),
            PeakNumTrips = peak,
            PeakStartTime = new GtfsTime(peakStart),
            PeakEndTime = new GtfsTime(peakEnd),
            ServiceDistance = distance,
            ServiceDuration = duration,
            // gtfs_kit: speed = distance / duration when the distance is truthy, else 0.
            ServiceSpeed = distance != 0 ? distance / duration : 0,
        };
    }
}
