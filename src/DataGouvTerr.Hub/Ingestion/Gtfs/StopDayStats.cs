using DataGouvTerr.GtfsKit.Statistics;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>One stop time of a trip (or frequency run) running on the date: its departure in seconds of the service day (null when not timed) and its route.</summary>
public readonly record struct StopDeparture(int? DepartureSeconds, string RouteId);

/// <summary>
/// A stop's service on one date with gtfs_kit's stop-stats definitions: num_trips counts stop times (untimed ones
/// included), num_routes distinct route_ids, headways are the gaps in minutes between sorted departures inside
/// [07:00, 19:00] (inclusive, StatsOptions' window), mean = sum/count/60; start/end the first and last departure.
/// Added for maps: departures per hour of the service day, with times past 24:00 in their own bin (25:10 → bin 25).
/// </summary>
public sealed record StopDayStats(
    int NumTrips,
    IReadOnlyList<string> RouteIds,
    double? MaxHeadwayMinutes,
    double? MinHeadwayMinutes,
    double? MeanHeadwayMinutes,
    int? StartSeconds,
    int? EndSeconds,
    int[] HourlyDepartures)
{
    /// <summary>Hour bins every row has, so a CSV has the same columns for a quiet day.</summary>
    public const int MinHourBins = 24;

    public static StopDayStats None { get; } = new(0, [], null, null, null, null, null, new int[MinHourBins]);

    public static StopDayStats Compute(IReadOnlyCollection<StopDeparture> departures, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        if (departures.Count == 0)
        {
            return None;
        }
        var timed = departures.Where(d => d.DepartureSeconds is not null).Select(d => d.DepartureSeconds!.Value).Order().ToList();
        var hourly = new int[Math.Max(MinHourBins, timed.Count > 0 ? timed[^1] / 3600 + 1 : 0)];
        foreach (var t in timed)
        {
            hourly[Math.Max(0, t / 3600)]++;
        }

        var start = options.HeadwayStartTime.TotalSeconds;
        var end = options.HeadwayEndTime.TotalSeconds;
        var window = timed.Where(t => t >= start && t <= end).ToList();
        double? max = null, min = null, mean = null;
        if (window.Count >= 2)
        {
            var gaps = window.Zip(window.Skip(1), (a, b) => b - a).ToList();
            max = gaps.Max() / 60.0;
            min = gaps.Min() / 60.0;
            // numpy's order (mean of seconds, then / 60), as GtfsKit does, so the numbers match gtfs_kit to the bit.
            mean = (double)gaps.Sum(g => (long)g) / gaps.Count / 60.0;
        }

        var routes = departures.Select(d => d.RouteId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new StopDayStats(departures.Count, routes, max, min, mean,
            timed.Count > 0 ? timed[0] : null, timed.Count > 0 ? timed[^1] : null, hourly);
    }
}
