using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Statistics;

public static partial class GtfsStats
{
    /// <summary>
    /// Stop statistics per date (gtfs_kit's compute_stop_stats) over the stop times of trips that start on that date,
    /// sorted by date, stop_id (and direction_id). num_trips counts stop times (a trip calling twice counts twice);
    /// headways are the gaps between departures inside the headway window, in minutes; start_time/end_time are the
    /// earliest/latest departure. Optionally restricted to some stops.
    /// </summary>
    public static IReadOnlyList<StopStats> ComputeStopStats(
        GtfsFeed feed, IEnumerable<DateOnly> dates, IReadOnlyCollection<string>? stopIds = null, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        var activity = new DateActivity(feed, dates);
        var result = new List<StopStats>();
        if (activity.Dates.Count == 0)
        {
            return result;
        }

        var rowsByTrip = new TripRows(feed);
        var stopFilter = stopIds is null ? null : new HashSet<string>(stopIds, StringComparer.Ordinal);
        var memo = new Dictionary<string, List<StopStats>>(StringComparer.Ordinal);
        foreach (var date in activity.Dates)
        {
            var (services, key) = activity.Active(date);
            if (!memo.TryGetValue(key, out var stats))
            {
                memo[key] = stats = ComputeStopStats0(feed, rowsByTrip.Active(activity, services), stopFilter, options);
            }

            result.AddRange(stats.Select(s => s with { Date = date }));
        }

        return result;
    }

    private static List<StopStats> ComputeStopStats0(
        GtfsFeed feed, List<(Trip Trip, int Pool)> trips, HashSet<string>? stopFilter, StatsOptions options)
    {
        var st = feed.StopTimes;
        var order = st.TripOrder;
        var starts = st.TripStarts;
        var groups = new Dictionary<(int Stop, int? Direction), (List<int> Departures, HashSet<string> Routes, int Count)>();
        foreach (var (trip, pool) in trips)
        {
            if (options.SplitDirections && trip.DirectionId is null)
            {
                continue;
            }

            var direction = options.SplitDirections ? trip.DirectionId : null;
            for (var k = starts[pool]; k < starts[pool + 1]; k++)
            {
                var row = order[k];
                var stop = st.StopIndex[row];
                if (stopFilter is not null && !stopFilter.Contains(st.StopIds[stop]))
                {
                    continue;
                }

                var key = (stop, direction);
                if (!groups.TryGetValue(key, out var g))
                {
                    g = ([], new HashSet<string>(StringComparer.Ordinal), 0);
                }

                g.Departures.Add(st.DepartureTime[row].TotalSeconds);
                g.Routes.Add(trip.RouteId);
                groups[key] = g with { Count = g.Count + 1 };
            }
        }

        var hs = options.HeadwayStartTime.TotalSeconds;
        var he = options.HeadwayEndTime.TotalSeconds;
        var result = new List<StopStats>(groups.Count);
        foreach (var ((stop, direction), g) in groups.OrderBy(kv => st.StopIds[kv.Key.Stop], StringComparer.Ordinal).ThenBy(kv => kv.Key.Direction))
        {
            var present = g.Departures.Where(d => d != int.MinValue).ToList();
            var gaps = new List<int>();
            HeadwayStats.AddGaps([.. present], hs, he, gaps);
            var (maxH, minH, meanH) = HeadwayStats.Summarise(gaps);
            result.Add(new StopStats
            {
                StopId = st.StopIds[stop],
                NumTrips = g.Count,
                NumRoutes = g.Routes.Count,
                MaxHeadway = maxH,
                MinHeadway = minH,
                MeanHeadway = meanH,
                StartTime = present.Count > 0 ? new GtfsTime(present.Min()) : GtfsTime.Missing,
                EndTime = present.Count > 0 ? new GtfsTime(present.Max()) : GtfsTime.Missing,
                DirectionId = direction,
            });
        }

        return result;
    }

    /// <summary>trips.txt rows joined to their stop_times (gtfs_kit's inner merge): each trip id once, with its pool index.</summary>
    private sealed class TripRows
    {
        private readonly List<(Trip Trip, int Pool)> _all = [];

        public TripRows(GtfsFeed feed)
        {
            var st = feed.StopTimes;
            var starts = st.TripStarts;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in feed.Trips)
            {
                if (seen.Add(t.TripId) && st.TripIds.TryGetIndex(t.TripId, out var pool) && starts[pool + 1] > starts[pool])
                {
                    _all.Add((t, pool));
                }
            }
        }

        public List<(Trip Trip, int Pool)> Active(DateActivity activity, HashSet<string> services) =>
            _all.Where(x => activity.IsActive(services, x.Trip.TripId)).ToList();
    }
}
