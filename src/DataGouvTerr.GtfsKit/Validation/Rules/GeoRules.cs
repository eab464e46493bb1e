using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>fast_travel_between_consecutive_stops: the time between two consecutive timed stops is too short for the distance at the route type's top speed.</summary>
public sealed class FastTravelBetweenConsecutiveStopsRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        var index = context.Index;
        var stopRow = index.StopTimesStopRow;
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var tripRow = index.StopTimesTripRow[t];
            if (tripRow < 0)
            {
                continue;
            }
            var maxKph = TravelSpeed.MaxSpeedKph(index.RouteTypeOfTrip(tripRow));
            var rows = st.RowsOfTrip(t);
            var start = -1;
            foreach (var end in rows)
            {
                var endStop = st.StopIndex[end] >= 0 ? stopRow[st.StopIndex[end]] : -1;
                if (endStop < 0 || double.IsNaN(index.StopLatOrParent[endStop]))
                {
                    continue;
                }
                if (start >= 0 && st.Departure[start] >= 0 && st.Arrival[end] >= 0)
                {
                    var startStop = stopRow[st.StopIndex[start]];
                    var km = GeoDistance.Meters(index.StopLatOrParent[startStop], index.StopLonOrParent[startStop],
                        index.StopLatOrParent[endStop], index.StopLonOrParent[endStop]) / 1000;
                    var kph = TravelSpeed.SpeedKph(km, st.Departure[start], st.Arrival[end]);
                    if (kph > maxKph)
                    {
                        notices.Warning("fast_travel_between_consecutive_stops",
                            new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[end], "trip_id", st.TripIds[t]),
                            $"Trip {st.TripIds[t]} would run {kph:0} km/h ({km:0.00} km) from stop {st.StopIds[st.StopIndex[start]]} to {st.StopIds[st.StopIndex[end]]}; the limit for its route type is {maxKph:0} km/h.");
                    }
                }
                // Without a departure time the next timed stop is compared with the last timed one.
                if (st.Departure[end] >= 0 || start < 0)
                {
                    start = end;
                }
            }
        }
    }
}

/// <summary>
/// fast_travel_between_far_stops: over more than 10 km (summed along the stops) a trip runs faster than its
/// route type allows; at most one notice per trip. Quadratic in a trip's stops, like the MobilityData rule.
/// </summary>
public sealed class FastTravelBetweenFarStopsRule : IGtfsRule
{
    private const double FarKm = 10;

    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        var index = context.Index;
        var stopRow = index.StopTimesStopRow;
        var cumulativeKm = new List<double>();
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var tripRow = index.StopTimesTripRow[t];
            var rows = st.RowsOfTrip(t);
            if (tripRow < 0 || rows.Length < 2)
            {
                continue;
            }
            var maxKph = TravelSpeed.MaxSpeedKph(index.RouteTypeOfTrip(tripRow));
            if (!CumulativeDistances(rows, st, stopRow, index, cumulativeKm))
            {
                continue;
            }
            Check(rows, t);

            void Check(ReadOnlySpan<int> tripRows, int trip)
            {
                for (var endIdx = 1; endIdx < tripRows.Length; endIdx++)
                {
                    var end = tripRows[endIdx];
                    if (st.Arrival[end] < 0)
                    {
                        continue;
                    }
                    for (var startIdx = endIdx - 1; startIdx >= 0; startIdx--)
                    {
                        var km = cumulativeKm[endIdx] - cumulativeKm[startIdx];
                        var start = tripRows[startIdx];
                        if (km <= FarKm || st.Departure[start] < 0)
                        {
                            continue;
                        }
                        var kph = TravelSpeed.SpeedKph(km, st.Departure[start], st.Arrival[end]);
                        if (kph > maxKph)
                        {
                            notices.Warning("fast_travel_between_far_stops",
                                new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[end], "trip_id", st.TripIds[trip]),
                                $"Trip {st.TripIds[trip]} would run {kph:0} km/h over {km:0.0} km from row {st.RowNumber[start]} to row {st.RowNumber[end]}; the limit for its route type is {maxKph:0} km/h.");
                            return;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Distance from the first stop, summed stop to stop; false when a stop cannot be placed.</summary>
    private static bool CumulativeDistances(ReadOnlySpan<int> rows, StopTimesColumns st, int[] stopRow, GtfsFeedIndex index, List<double> cumulativeKm)
    {
        cumulativeKm.Clear();
        var previous = -1;
        foreach (var row in rows)
        {
            var stop = st.StopIndex[row] >= 0 ? stopRow[st.StopIndex[row]] : -1;
            if (stop < 0 || double.IsNaN(index.StopLatOrParent[stop]))
            {
                return false;
            }
            cumulativeKm.Add(previous < 0 ? 0 : cumulativeKm[^1] + (GeoDistance.Meters(index.StopLatOrParent[previous], index.StopLonOrParent[previous],
                index.StopLatOrParent[stop], index.StopLonOrParent[stop]) / 1000));
            previous = stop;
        }
        return true;
    }
}

/// <summary>stop_too_far_from_shape: a stop of a trip lies further than the threshold (100 m) from the trip's shape; once per shape and stop.</summary>
public sealed class StopTooFarFromShapeRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        var index = context.Index;
        if (index.Trips is null || index.Shapes.Count == 0)
        {
            return;
        }
        var limit = context.Options.StopTooFarFromShapeMeters;
        var checkedPairs = new HashSet<(string Shape, int Stop)>();
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var tripRow = index.StopTimesTripRow[t];
            if (tripRow < 0 || !index.Shapes.TryGetValue(index.Trips.Get(tripRow, "shape_id"), out var shape) || shape.Count == 0)
            {
                continue;
            }
            var shapeId = index.Trips.Get(tripRow, "shape_id");
            foreach (var row in st.RowsOfTrip(t))
            {
                var stop = st.StopIndex[row] >= 0 ? index.StopTimesStopRow[st.StopIndex[row]] : -1;
                if (stop < 0 || double.IsNaN(index.StopLatOrParent[stop]) || !checkedPairs.Add((shapeId, stop)))
                {
                    continue;
                }
                var meters = shape.DistanceMeters(index.StopLatOrParent[stop], index.StopLonOrParent[stop]);
                if (meters > limit)
                {
                    notices.Warning("stop_too_far_from_shape", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[row], "stop_id", st.StopIds[st.StopIndex[row]]),
                        $"Stop {st.StopIds[st.StopIndex[row]]} is {meters:0} m from shape {shapeId} of trip {st.TripIds[t]} (limit {limit:0} m).");
                }
            }
        }
    }
}

/// <summary>stops_too_close (DataGouvTerr, after transport.data.gouv.fr's validator): two different consecutive stops of a trip a few metres apart, once per pair.</summary>
public sealed class StopsTooCloseRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        var index = context.Index;
        var limit = context.Options.StopsTooCloseMeters;
        var reported = new HashSet<(int, int)>();
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var previous = -1;
            foreach (var row in st.RowsOfTrip(t))
            {
                var stop = st.StopIndex[row] >= 0 ? index.StopTimesStopRow[st.StopIndex[row]] : -1;
                if (stop >= 0 && previous >= 0 && stop != previous && index.HasCoordinates(stop) && index.HasCoordinates(previous))
                {
                    var meters = GeoDistance.Meters(index.StopLat[previous], index.StopLon[previous], index.StopLat[stop], index.StopLon[stop]);
                    if (meters < limit && reported.Add((Math.Min(stop, previous), Math.Max(stop, previous))))
                    {
                        notices.Warning("stops_too_close", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[row], "stop_id", st.StopIds[st.StopIndex[row]]),
                            $"Consecutive stops {index.Stops!.Get(previous, "stop_id")} and {index.Stops.Get(stop, "stop_id")} of trip {st.TripIds[t]} are {meters:0.0} m apart.");
                    }
                }
                previous = stop;
            }
        }
    }
}

/// <summary>duplicate_stop (DataGouvTerr): two stops of the same type and name at the same place, probably one stop entered twice.</summary>
public sealed class DuplicateStopRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        if (index.Stops is not { } stops)
        {
            return;
        }
        var limit = context.Options.DuplicateStopMeters;
        // Bucket by name and location type, then compare within a bucket: names are nearly unique, buckets tiny.
        var buckets = new Dictionary<(string Name, int Type), List<int>>();
        for (var row = 0; row < stops.RowCount; row++)
        {
            var name = stops.Get(row, "stop_name");
            if (name.Length == 0 || !index.HasCoordinates(row))
            {
                continue;
            }
            var key = (name.ToUpperInvariant(), index.StopLocationType[row]);
            if (!buckets.TryGetValue(key, out var list))
            {
                buckets[key] = list = [];
            }
            foreach (var other in list)
            {
                var meters = GeoDistance.Meters(index.StopLat[other], index.StopLon[other], index.StopLat[row], index.StopLon[row]);
                if (meters <= limit)
                {
                    notices.Warning("duplicate_stop", new GtfsNoticeLocation(GtfsFileNames.Stops, stops.RowNumbers[row], "stop_id", stops.Get(row, "stop_id")),
                        $"Stop '{name}' is {meters:0.0} m from stop {stops.Get(other, "stop_id")} of the same name (row {stops.RowNumbers[other]}).");
                    break;
                }
            }
            list.Add(row);
        }
    }
}

/// <summary>point_near_origin: stop or shape point at (0, 0), usually coordinates left unset.</summary>
public sealed class PointNearOriginRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices) =>
        PointChecks.Each(context, (lat, lon) => Math.Abs(lat) <= 1 && Math.Abs(lon) <= 1, (file, row, field, value) =>
            notices.Error("point_near_origin", new GtfsNoticeLocation(file, row, field, value), "The point is at (0, 0) in the Gulf of Guinea: coordinates were probably not set."));
}

/// <summary>point_near_pole: stop or shape point within a degree of a pole, usually latitude and longitude swapped.</summary>
public sealed class PointNearPoleRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices) =>
        PointChecks.Each(context, (lat, _) => Math.Abs(lat) >= 89, (file, row, field, value) =>
            notices.Error("point_near_pole", new GtfsNoticeLocation(file, row, field, value), "The point is next to a pole: latitude and longitude may be swapped."));
}

/// <summary>Walks stops.txt and shapes.txt coordinates for the point rules.</summary>
internal static class PointChecks
{
    public static void Each(GtfsValidationContext context, Func<double, double, bool> bad, Action<string, int, string, string> report)
    {
        Walk(context.Feed.Table(GtfsFileNames.Stops), "stop_lat", "stop_lon");
        Walk(context.Feed.Table(GtfsFileNames.Shapes), "shape_pt_lat", "shape_pt_lon");

        void Walk(GtfsRawTable? table, string latField, string lonField)
        {
            if (table?.Column(latField) is not { } lats || table.Column(lonField) is not { } lons)
            {
                return;
            }
            for (var row = 0; row < lats.Count; row++)
            {
                if (GtfsFieldParser.TryParseDouble(lats[row], out var lat) && GtfsFieldParser.TryParseDouble(lons[row], out var lon) && bad(lat, lon))
                {
                    report(table.FileName, table.RowNumbers[row], latField, $"{lats[row]},{lons[row]}");
                }
            }
        }
    }
}

/// <summary>stop_far_from_others (DataGouvTerr): a stop hundreds of km from the median of the feed's stops, usually a typo in a coordinate.</summary>
public sealed class StopFarFromOthersRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        var located = Enumerable.Range(0, index.StopLat.Length).Where(index.HasCoordinates).ToArray();
        if (located.Length < 3)
        {
            return;
        }
        // The median resists the outliers we look for, where the mean would be dragged towards them.
        var medianLat = located.Select(r => index.StopLat[r]).Order().ElementAt(located.Length / 2);
        var medianLon = located.Select(r => index.StopLon[r]).Order().ElementAt(located.Length / 2);
        var limit = context.Options.StopFarFromOthersMeters;
        foreach (var row in located)
        {
            var meters = GeoDistance.Meters(medianLat, medianLon, index.StopLat[row], index.StopLon[row]);
            if (meters > limit)
            {
                notices.Warning("stop_far_from_others", new GtfsNoticeLocation(GtfsFileNames.Stops, index.Stops!.RowNumbers[row], "stop_id", index.Stops.Get(row, "stop_id")),
                    $"Stop is {meters / 1000:0} km from the middle of the feed's stops ({medianLat:0.####}, {medianLon:0.####}).");
            }
        }
    }
}
