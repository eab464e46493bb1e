using DataGouvTerr.GtfsKit.Geometry;
using DataGouvTerr.GtfsKit.Model;
using DataGouvTerr.GtfsKit.Reading;
using NetTopologySuite.LinearReferencing;

namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>
/// gtfs_kit 12's statistics (compute_trip_stats, compute_route_stats, compute_stop_stats, compute_network_stats,
/// compute_stop_time_series, compute_route_time_series) with its definitions, column names and units, computed over
/// the columnar stop_times without one object per row.
/// </summary>
public static partial class GtfsStats
{
    private const double LoopThresholdMeters = 400;

    /// <summary>
    /// One row per trip that has a known route and at least one stop time (gtfs_kit's inner merges), sorted by
    /// route_id, direction_id, start_time. start_time/end_time are the first/last departure_time in stop_sequence
    /// order; is_loop is 1 when the first and last stops are less than 400 m apart (in the stops' UTM zone);
    /// distance is the largest shape_dist_traveled of the trip (converted from the feed's units) when stop_times has
    /// any, else measured along the shape between the projections of the first and last stops (the shape's length when
    /// the shape crosses itself or the projection is implausible), else NaN; duration in hours; speed = distance/duration.
    /// </summary>
    public static IReadOnlyList<TripStats> ComputeTripStats(GtfsFeed feed, IReadOnlyCollection<string>? routeIds = null, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        var st = feed.StopTimes;
        var routes = new Dictionary<string, Route>(StringComparer.Ordinal);
        foreach (var r in feed.Routes)
        {
            routes.TryAdd(r.RouteId, r);
        }

        var routeFilter = routeIds is null ? null : new HashSet<string>(routeIds, StringComparer.Ordinal);
        var patternNames = StopPatternNamer.Name(feed);
        var geometry = feed.Geometry;
        var order = st.TripOrder;
        var starts = st.TripStarts;
        var selected = new List<(Trip Trip, Route Route, int PoolIndex)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var anyShapeDist = false;
        foreach (var trip in feed.Trips)
        {
            if (!seen.Add(trip.TripId) || !routes.TryGetValue(trip.RouteId, out var route)
                || (routeFilter is not null && !routeFilter.Contains(trip.RouteId))
                || !st.TripIds.TryGetIndex(trip.TripId, out var pool) || starts[pool + 1] == starts[pool])
            {
                continue;
            }

            selected.Add((trip, route, pool));
            for (var k = starts[pool]; k < starts[pool + 1] && !anyShapeDist; k++)
            {
                anyShapeDist = !double.IsNaN(st.ShapeDistTraveled[order[k]]);
            }
        }

        var outputUnits = DistanceUnits.OutputUnits(feed.DistUnits);
        var useShapeDist = anyShapeDist && !options.ComputeDistFromShapes;
        // gtfs_kit tests "feed.shapes is not None": the file was there, even if it had no usable rows.
        var useShapes = !useShapeDist && feed.HasFile(GtfsFileNames.Shapes);
        var feedToOutput = useShapeDist ? DistanceUnits.Factor(feed.DistUnits, outputUnits) : 1.0;
        var metresToOutput = DistanceUnits.Factor("m", outputUnits);
        var distanceCache = new Dictionary<(string, string, string), double>();
        if (useShapes)
        {
            var shapeIds = feed.Shapes.ShapeIds;
            geometry.PrepareShapeMeasures(selected.Select(s => shapeIds.TryGetIndex(s.Trip.ShapeId, out var i) ? i : -1).Where(i => i >= 0));
        }

        var result = new List<TripStats>(selected.Count);
        foreach (var (trip, route, pool) in selected)
        {
            var first = order[starts[pool]];
            var last = order[starts[pool + 1] - 1];
            var startTime = st.DepartureTime[first];
            var endTime = st.DepartureTime[last];
            var startStop = st.StopIds[st.StopIndex[first]];
            var endStop = st.StopIds[st.StopIndex[last]];
            var duration = startTime.HasValue && endTime.HasValue ? (endTime.TotalSeconds - startTime.TotalSeconds) / 3600.0 : double.NaN;

            double distance;
            if (useShapeDist)
            {
                var max = double.NaN;
                for (var k = starts[pool]; k < starts[pool + 1]; k++)
                {
                    var d = st.ShapeDistTraveled[order[k]];
                    if (!double.IsNaN(d) && (double.IsNaN(max) || d > max))
                    {
                        max = d;
                    }
                }

                distance = feedToOutput * max;
            }
            else if (useShapes)
            {
                // Trips of one pattern share shape and end stops: measure each combination once.
                var key = (trip.ShapeId, startStop, endStop);
                if (!distanceCache.TryGetValue(key, out var metres))
                {
                    distanceCache[key] = metres = ShapeDistanceMeters(feed, geometry, trip.ShapeId, startStop, endStop);
                }

                distance = metresToOutput * metres;
            }
            else
            {
                distance = double.NaN;
            }

            result.Add(new TripStats
            {
                TripId = trip.TripId,
                RouteId = trip.RouteId,
                RouteShortName = route.RouteShortName,
                RouteType = route.RouteType,
                DirectionId = trip.DirectionId,
                ShapeId = trip.ShapeId,
                StopPatternName = patternNames.GetValueOrDefault(trip.TripId, ""),
                NumStops = starts[pool + 1] - starts[pool],
                StartTime = startTime,
                EndTime = endTime,
                StartStopId = startStop,
                EndStopId = endStop,
                IsLoop = geometry.StopDistanceMeters(startStop, endStop) < LoopThresholdMeters ? 1 : 0,
                Duration = duration,
                Distance = distance,
                Speed = distance / duration,
            });
        }

        // pandas sorts by route_id, direction_id, start_time (as HH:MM:SS strings) with missing values last; the sort is
        // stable over trips that were in trip_id order (groupby output).
        // trip_id is unique here, so ending the comparison with it gives the stable sort's order in one unstable Sort.
        result.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.RouteId, b.RouteId);
            if (c == 0)
            {
                c = (a.DirectionId.HasValue ? 0 : 1).CompareTo(b.DirectionId.HasValue ? 0 : 1);
            }

            if (c == 0)
            {
                c = (a.DirectionId ?? 0).CompareTo(b.DirectionId ?? 0);
            }

            if (c == 0)
            {
                c = CompareAsTimeText(a.StartTime, b.StartTime);
            }

            return c != 0 ? c : string.CompareOrdinal(a.TripId, b.TripId);
        });
        return result;
    }

    /// <summary>
    /// Orders times as pandas orders their HH:MM:SS strings, missing last. With two-digit hours the text order is the
    /// numeric order, so only times of 100 h or more need their text compared.
    /// </summary>
    private static int CompareAsTimeText(GtfsTime a, GtfsTime b)
    {
        if (a.IsMissing || b.IsMissing)
        {
            return (a.IsMissing ? 1 : 0).CompareTo(b.IsMissing ? 1 : 0);
        }

        const int HundredHours = 100 * 3600;
        return a.TotalSeconds is >= 0 and < HundredHours && b.TotalSeconds is >= 0 and < HundredHours
            ? a.TotalSeconds.CompareTo(b.TotalSeconds)
            : string.CompareOrdinal(a.ToString(), b.ToString());
    }

    private static double ShapeDistanceMeters(GtfsFeed feed, GtfsGeometry geometry, string shapeId, string startStop, string endStop)
    {
        if (!feed.Shapes.ShapeIds.TryGetIndex(shapeId, out var shapeIndex))
        {
            return double.NaN; // no shape: "No can do."
        }

        var shape = geometry.ShapeMeasuresUtm(shapeIndex);
        if (shape.Line is null)
        {
            return double.NaN;
        }

        // A self-crossing line makes projections ambiguous: gtfs_kit takes the whole length as a good approximation.
        if (!shape.IsSimple)
        {
            return shape.Length;
        }

        var a = geometry.StopPointUtm(startStop);
        var b = geometry.StopPointUtm(endStop);
        if (a is null || b is null)
        {
            return shape.Length;
        }

        var indexed = new LengthIndexedLine(shape.Line);
        var d = indexed.Project(b.Coordinate) - indexed.Project(a.Coordinate);
        return d > 0 && d < shape.Length + 100 ? d : shape.Length;
    }
}
