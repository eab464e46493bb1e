namespace DataGouvTerr.GtfsKit.Statistics;

public static partial class GtfsStats
{
    private const int MinutesPerDay = 24 * 60;

    /// <summary>
    /// Departures per stop and hour for each date (gtfs_kit's compute_stop_time_series, freq "h"): departure times
    /// taken modulo 24 h (a 25:10:00 departure counts at 01:00 of the trip's start date), stop times without a
    /// departure ignored. 24 rows per stop visited that date, sorted by datetime then stop_id (then direction_id).
    /// </summary>
    public static IReadOnlyList<StopTimeSeriesRow> ComputeStopTimeSeries(
        GtfsFeed feed, IEnumerable<DateOnly> dates, IReadOnlyCollection<string>? stopIds = null, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        var activity = new DateActivity(feed, dates);
        var result = new List<StopTimeSeriesRow>();
        if (activity.Dates.Count == 0)
        {
            return result;
        }

        var st = feed.StopTimes;
        var rowsByTrip = new TripRows(feed);
        var stopFilter = stopIds is null ? null : new HashSet<string>(stopIds, StringComparer.Ordinal);
        var memo = new Dictionary<string, List<(string Stop, int? Direction, int[] Counts)>>(StringComparer.Ordinal);
        foreach (var date in activity.Dates)
        {
            var (services, key) = activity.Active(date);
            if (!memo.TryGetValue(key, out var series))
            {
                var counts = new Dictionary<(int Stop, int? Direction), int[]>();
                foreach (var (trip, pool) in rowsByTrip.Active(activity, services))
                {
                    if (options.SplitDirections && trip.DirectionId is null)
                    {
                        continue;
                    }

                    var direction = options.SplitDirections ? trip.DirectionId : null;
                    for (var k = st.TripStarts[pool]; k < st.TripStarts[pool + 1]; k++)
                    {
                        var row = st.TripOrder[k];
                        var stop = st.StopIndex[row];
                        if (stopFilter is not null && !stopFilter.Contains(st.StopIds[stop]))
                        {
                            continue;
                        }

                        if (!counts.TryGetValue((stop, direction), out var hours))
                        {
                            counts[(stop, direction)] = hours = new int[24];
                        }

                        var dep = st.DepartureTime[row];
                        if (dep.HasValue)
                        {
                            hours[dep.SecondsModulo24h / 3600]++;
                        }
                    }
                }

                memo[key] = series = counts
                    .Select(kv => (st.StopIds[kv.Key.Stop], kv.Key.Direction, kv.Value))
                    .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Direction).ToList();
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            for (var h = 0; h < 24; h++)
            {
                foreach (var (stop, direction, hours) in series)
                {
                    result.Add(new StopTimeSeriesRow(midnight.AddHours(h), stop, direction, hours[h]));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Route indicators per hour for each date (gtfs_kit's compute_route_time_series, freq "h"): trips are binned by
    /// minute from start to end (times modulo 24 h, trips with no start/end or starting and ending in the same minute
    /// ignored), then summed per hour; num_trips is the trips in service during the hour; num_trip_ends ignores trips
    /// that end past midnight; service distance is spread evenly over a trip's minutes; speed is distance/duration or 0.
    /// </summary>
    public static IReadOnlyList<RouteTimeSeriesRow> ComputeRouteTimeSeries(
        GtfsFeed feed, IEnumerable<DateOnly> dates, IReadOnlyList<TripStats>? tripStats = null, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        var activity = new DateActivity(feed, dates);
        var result = new List<RouteTimeSeriesRow>();
        if (activity.Dates.Count == 0)
        {
            return result;
        }

        tripStats ??= ComputeTripStats(feed, options: options);
        var memo = new Dictionary<string, List<(string Route, int? Direction, HourBins Bins)>>(StringComparer.Ordinal);
        foreach (var date in activity.Dates)
        {
            var (services, key) = activity.Active(date);
            if (!memo.TryGetValue(key, out var series))
            {
                var subset = tripStats.Where(t => activity.IsActive(services, t.TripId) && (!options.SplitDirections || t.DirectionId.HasValue));
                memo[key] = series = subset
                    .GroupBy(t => (t.RouteId, options.SplitDirections ? t.DirectionId : null))
                    .Select(g => (g.Key.RouteId, g.Key.Item2, HourBins.FromTrips(g)))
                    .OrderBy(x => x.RouteId, StringComparer.Ordinal).ThenBy(x => x.Item2).ToList();
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            for (var h = 0; h < 24; h++)
            {
                foreach (var (route, direction, bins) in series)
                {
                    result.Add(new RouteTimeSeriesRow(
                        midnight.AddHours(h), route, direction, bins.NumTrips[h], bins.Starts[h], bins.Ends[h],
                        bins.Distance[h], bins.Duration[h], FiniteOrZero(bins.Distance[h] / bins.Duration[h])));
                }
            }
        }

        return result;
    }

    /// <summary>One route's minute bins folded into hours the way gtfs_kit's downsample does.</summary>
    private sealed class HourBins
    {
        public int[] NumTrips { get; } = new int[24];
        public int[] Starts { get; } = new int[24];
        public int[] Ends { get; } = new int[24];
        public double[] Distance { get; } = new double[24];
        public double[] Duration { get; } = new double[24];

        public static HourBins FromTrips(IEnumerable<TripStats> trips)
        {
            var numTrips = new int[MinutesPerDay];
            var starts = new int[MinutesPerDay];
            var ends = new int[MinutesPerDay];
            var distance = new double[MinutesPerDay];
            var duration = new double[MinutesPerDay];
            foreach (var t in trips)
            {
                if (t.StartTime.IsMissing || t.EndTime.IsMissing)
                {
                    continue;
                }

                var start = t.StartTime.SecondsModulo24h / 60;
                var end = t.EndTime.SecondsModulo24h / 60;
                if (start == end)
                {
                    continue;
                }

                var length = start < end ? end - start : MinutesPerDay - start + end;
                starts[start]++;
                if (start <= end)
                {
                    ends[end]++;
                }

                var share = t.Distance / length;
                for (var i = 0; i < length; i++)
                {
                    var b = (start + i) % MinutesPerDay;
                    numTrips[b]++;
                    duration[b] += 1 / 60.0;
                    distance[b] += share; // a NaN distance poisons the minute, which gtfs_kit then fills with 0
                }
            }

            var bins = new HourBins();
            for (var h = 0; h < 24; h++)
            {
                var lastMinute = (h * 60) + 59;
                bins.NumTrips[h] = numTrips[lastMinute];
                for (var m = h * 60; m <= lastMinute; m++)
                {
                    bins.Starts[h] += starts[m];
                    bins.Ends[h] += ends[m];
                    bins.Distance[h] += double.IsNaN(distance[m]) ? 0 : distance[m];
                    bins.Duration[h] += duration[m];
                    if (m < lastMinute)
                    {
                        // Trips in service at the hour's last minute, plus those that ended earlier in the hour.
                        bins.NumTrips[h] += ends[m];
                    }
                }
            }

            return bins;
        }
    }
}
