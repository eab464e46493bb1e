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
        var stopCount = st.StopIds.Count;
        bool[]? keepStop = null;
        if (stopFilter is not null)
        {
            keepStop = new bool[stopCount];
            for (var s = 0; s < stopCount; s++)
            {
                keepStop[s] = stopFilter.Contains(st.StopIds[s]);
            }
        }

        // One group per (stop, direction): a stop → group array per direction value instead of a tuple-keyed
        // dictionary lookup per stop time; routes are numbered once per trip, not hashed as strings per stop time.
        var groupOfStop = new Dictionary<int, int[]>();
        var groups = new List<StopGroup>();
        var routeNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (trip, pool) in trips)
        {
            if (options.SplitDirections && trip.DirectionId is null)
            {
                continue;
            }

            var direction = options.SplitDirections ? trip.DirectionId : null;
            var slot = direction ?? int.MinValue;
            if (!groupOfStop.TryGetValue(slot, out var map))
            {
                groupOfStop[slot] = map = new int[stopCount];
                Array.Fill(map, -1);
            }

            if (!routeNumbers.TryGetValue(trip.RouteId, out var route))
            {
                routeNumbers[trip.RouteId] = route = routeNumbers.Count;
            }

            for (var k = starts[pool]; k < starts[pool + 1]; k++)
            {
                var row = order[k];
                var stop = st.StopIndex[row];
                if (keepStop is not null && !keepStop[stop])
                {
                    continue;
                }

                var g = map[stop];
                if (g < 0)
                {
                    map[stop] = g = groups.Count;
                    groups.Add(new StopGroup(stop, direction));
                }

                groups[g].Add(st.DepartureTime[row].TotalSeconds, route);
            }
        }

        var hs = options.HeadwayStartTime.TotalSeconds;
        var he = options.HeadwayEndTime.TotalSeconds;
        var result = new List<StopStats>(groups.Count);
        var gaps = new List<int>();
        groups.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(st.StopIds[a.Stop], st.StopIds[b.Stop]);
            return c != 0 ? c : Nullable.Compare(a.Direction, b.Direction);
        });
        foreach (var g in groups)
        {
            var present = g.Departures;
            present.RemoveAll(d => d == int.MinValue);
            var startTime = present.Count > 0 ? new GtfsTime(present.Min()) : GtfsTime.Missing;
            var endTime = present.Count > 0 ? new GtfsTime(present.Max()) : GtfsTime.Missing;
            gaps.Clear();
            HeadwayStats.AddGaps(present, hs, he, gaps);
            var (maxH, minH, meanH) = HeadwayStats.Summarise(gaps);
            result.Add(new StopStats
            {
                StopId = st.StopIds[g.Stop],
                NumTrips = g.Count,
                NumRoutes = g.DistinctRoutes(),
                MaxHeadway = maxH,
                MinHeadway = minH,
                MeanHeadway = meanH,
                StartTime = startTime,
                EndTime = endTime,
                DirectionId = g.Direction,
            });
        }

        return result;
    }

    /// <summary>The stop times of one (stop, direction) for stop stats: departures (seconds) and route numbers.</summary>
    private sealed class StopGroup(int stop, int? direction)
    {
        private readonly List<int> _routes = [];

        public int Stop { get; } = stop;
        public int? Direction { get; } = direction;
        public List<int> Departures { get; } = [];
        public int Count => _routes.Count;

        public void Add(int departureSeconds, int route)
        {
            Departures.Add(departureSeconds);
            _routes.Add(route);
        }

        public int DistinctRoutes()
        {
            _routes.Sort();
            var distinct = _routes.Count > 0 ? 1 : 0;
            for (var i = 1; i < _routes.Count; i++)
            {
                distinct += _routes[i] != _routes[i - 1] ? 1 : 0;
            }

            return distinct;
        }
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
