namespace DataGouvTerr.GtfsKit.Statistics;

public static partial class GtfsStats
{
    private const int SecondsPerDay = 24 * 3600;

    /// <summary>
    /// Route statistics per date (gtfs_kit's compute_route_stats) over the trips that start on that date, sorted by
    /// date, route_id (and direction_id). Trips of zero or unknown duration are ignored. Headways are the gaps between
    /// trip starts inside the headway window, per direction; without a split the gaps of both directions are pooled.
    /// Pass trip stats already computed to avoid recomputing them.
    /// </summary>
    public static IReadOnlyList<RouteStats> ComputeRouteStats(
        GtfsFeed feed, IEnumerable<DateOnly> dates, IReadOnlyList<TripStats>? tripStats = null, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        var activity = new DateActivity(feed, dates);
        if (activity.Dates.Count == 0)
        {
            return [];
        }

        tripStats ??= ComputeTripStats(feed, options: options);
        var memo = new Dictionary<string, List<RouteStats>>(StringComparer.Ordinal);
        var result = new List<RouteStats>();
        foreach (var date in activity.Dates)
        {
            var (services, key) = activity.Active(date);
            if (!memo.TryGetValue(key, out var stats))
            {
                var subset = tripStats.Where(t => activity.IsActive(services, t.TripId)).ToList();
                memo[key] = stats = ComputeRouteStats0(subset, options);
            }

            result.AddRange(stats.Select(s => s with { Date = date }));
        }

        return result;
    }

    /// <summary>gtfs_kit's compute_route_stats_0: route statistics of one subset of trip stats (no date).</summary>
    internal static List<RouteStats> ComputeRouteStats0(IReadOnlyList<TripStats> tripStats, StatsOptions options)
    {
        var hs = options.HeadwayStartTime.TotalSeconds;
        var he = options.HeadwayEndTime.TotalSeconds;
        var trips = tripStats.Where(t => t.Duration > 0).ToList();
        IEnumerable<IGrouping<(string Route, int? Direction), TripStats>> groups = options.SplitDirections
            ? trips.Where(t => t.DirectionId.HasValue).GroupBy(t => (t.RouteId, t.DirectionId))
            : trips.GroupBy(t => (t.RouteId, (int?)null));

        var result = new List<RouteStats>();
        foreach (var g in groups.OrderBy(g => g.Key.Route, StringComparer.Ordinal).ThenBy(g => g.Key.Direction))
        {
            var list = g.ToList();
            var gaps = new List<int>();
            if (options.SplitDirections)
            {
                HeadwayStats.AddGaps(list.Select(t => t.StartTime.TotalSeconds).ToList(), hs, he, gaps);
            }
            else
            {
                // Without a split, gaps are taken within each direction and pooled; trips without direction give none.
                foreach (var direction in new[] { 0, 1 })
                {
                    HeadwayStats.AddGaps(list.Where(t => t.DirectionId == direction).Select(t => t.StartTime.TotalSeconds).ToList(), hs, he, gaps);
                }
            }

            var (maxH, minH, meanH) = HeadwayStats.Summarise(gaps);
            var (peak, peakStart, peakEnd) = PeakFinder.Find(list.Select(t => (t.StartTime.TotalSeconds, t.EndTime.TotalSeconds)));
            var distance = SumSkippingNaN(list.Select(t => t.Distance));
            var duration = SumSkippingNaN(list.Select(t => t.Duration));
            var first = list[0];
            result.Add(new RouteStats
            {
                RouteId = g.Key.Route,
                RouteShortName = first.RouteShortName,
                RouteType = first.RouteType,
                NumTrips = list.Count,
                NumTripStarts = list.Count(t => t.StartTime.HasValue),
                NumTripEnds = list.Count(t => t.EndTime.HasValue && t.EndTime.TotalSeconds < SecondsPerDay),
                NumStopPatterns = list.Select(t => t.StopPatternName).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Count(),
                IsLoop = list.Any(t => t.IsLoop == 1) ? 1 : 0,
                StartTime = new Model.GtfsTime(list.Min(t => t.StartTime.TotalSeconds)),
                EndTime = new Model.GtfsTime(list.Max(t => t.EndTime.TotalSeconds)),
                MaxHeadway = maxH,
                MinHeadway = minH,
                MeanHeadway = meanH,
                PeakNumTrips = peak,
                PeakStartTime = new Model.GtfsTime(peakStart),
                PeakEndTime = new Model.GtfsTime(peakEnd),
                ServiceDistance = distance,
                ServiceDuration = duration,
                ServiceSpeed = FiniteOrZero(distance / duration),
                MeanTripDistance = distance / list.Count,
                MeanTripDuration = duration / list.Count,
                IsBidirectional = options.SplitDirections ? null : (list.Select(t => t.DirectionId).Distinct().Count() > 1 ? 1 : 0),
                DirectionId = options.SplitDirections ? g.Key.Direction : null,
            });
        }

        return result;
    }

    /// <summary>pandas' Series.sum(): NaN values are skipped, an all-NaN or empty sum is 0.</summary>
    internal static double SumSkippingNaN(IEnumerable<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
            }
        }

        return sum;
    }

    /// <summary>gtfs_kit's .replace([inf, -inf], nan).fillna(0.0).</summary>
    internal static double FiniteOrZero(double value) => double.IsFinite(value) ? value : 0.0;
}
