namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>
/// Reads the unit of <c>shape_dist_traveled</c> from the feed itself, since GTFS does not say it: the distance a
/// shape or a trip covers in the feed's numbers is compared with its length on the ground. Along a shape the two
/// agree (ratio ≈ 1 in metres, 0.001 in km, 0.000621 in miles, 3.28 in feet); along a trip's stops the road is
/// longer than the straight lines between them, so the ratio there may be up to about 1.5 times the unit's factor.
/// When no unit fits, or two do, the answer is unknown and the caller must be told which option to give.
/// </summary>
public static class DistanceUnitInference
{
    /// <summary>The inferred unit (null when it cannot be told) and how it was decided or why not.</summary>
    public sealed record Result(string? Units, string Explanation);

    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>Feed units per metre on the ground.</summary>
    private static readonly (string Units, double PerMetre)[] Candidates =
    [
        ("m", 1.0), ("km", 0.001), ("mi", 1 / 1609.344), ("ft", 1 / 0.3048),
    ];

    public static Result Infer(GtfsFeed feed)
    {
        var shapeRatios = ShapeRatios(feed);
        if (shapeRatios.Count > 0)
        {
            // A shape's own points: the feed's distance and the polyline's length describe the same line.
            return Match(Median(shapeRatios), 0.9, 1.1, $"shapes.txt: median shape_dist_traveled / polyline length over {shapeRatios.Count} shapes");
        }
        var tripRatios = TripRatios(feed);
        if (tripRatios.Count > 0)
        {
            return Match(Median(tripRatios), 0.9, 1.55, $"stop_times.txt: median shape_dist_traveled / straight-line length between stops over {tripRatios.Count} trips");
        }
        return new(null, "the feed has no usable shape_dist_traveled (with the coordinates to measure it against)");
    }

    private static Result Match(double ratio, double low, double high, string basis)
    {
        var fits = Candidates.Where(c => ratio / c.PerMetre >= low && ratio / c.PerMetre <= high).Select(c => c.Units).ToList();
        var text = $"{basis} = {ratio.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}";
        return fits.Count == 1
            ? new(fits[0], $"{text}, which fits {fits[0]}")
            : new(null, fits.Count == 0 ? $"{text}, which fits no unit" : $"{text}, which fits {string.Join(" and ", fits)}");
    }

    private static List<double> ShapeRatios(GtfsFeed feed)
    {
        var shapes = feed.Shapes;
        var ratios = new List<double>();
        for (var s = 0; s < shapes.ShapeIds.Count; s++)
        {
            var points = shapes.PointsOf(s);
            double length = 0, minDist = double.PositiveInfinity, maxDist = double.NegativeInfinity;
            var previous = -1;
            foreach (var p in points)
            {
                if (double.IsNaN(shapes.Lat[p]) || double.IsNaN(shapes.Lon[p]))
                {
                    continue;
                }
                if (previous >= 0)
                {
                    length += Haversine(shapes.Lat[previous], shapes.Lon[previous], shapes.Lat[p], shapes.Lon[p]);
                }
                previous = p;
                var d = shapes.DistTraveled[p];
                if (!double.IsNaN(d))
                {
                    minDist = Math.Min(minDist, d);
                    maxDist = Math.Max(maxDist, d);
                }
            }
            // Too short a shape says nothing (rounding of the distances dominates).
            if (length > 100 && maxDist > minDist)
            {
                ratios.Add((maxDist - minDist) / length);
            }
        }
        return ratios;
    }

    private static List<double> TripRatios(GtfsFeed feed)
    {
        var st = feed.StopTimes;
        var ratios = new List<double>();
        if (!st.HasShapeDistTraveled)
        {
            return ratios;
        }
        var lat = new double[st.StopIds.Count];
        var lon = new double[st.StopIds.Count];
        Array.Fill(lat, double.NaN);
        Array.Fill(lon, double.NaN);
        foreach (var stop in feed.Stops)
        {
            if (stop.StopLat is { } la && stop.StopLon is { } lo && st.StopIds.TryGetIndex(stop.StopId, out var i))
            {
                (lat[i], lon[i]) = (la, lo);
            }
        }
        var order = st.TripOrder;
        var starts = st.TripStarts;
        for (var t = 0; t < st.TripIds.Count; t++)
        {
            double length = 0, minDist = double.PositiveInfinity, maxDist = double.NegativeInfinity;
            var previous = -1;
            for (var k = starts[t]; k < starts[t + 1]; k++)
            {
                var row = order[k];
                var stop = st.StopIndex[row];
                if (double.IsNaN(lat[stop]))
                {
                    continue;
                }
                if (previous >= 0)
                {
                    length += Haversine(lat[previous], lon[previous], lat[stop], lon[stop]);
                }
                previous = stop;
                var d = st.ShapeDistTraveled[row];
                if (!double.IsNaN(d))
                {
                    minDist = Math.Min(minDist, d);
                    maxDist = Math.Max(maxDist, d);
                }
            }
            if (length > 100 && maxDist > minDist)
            {
                ratios.Add((maxDist - minDist) / length);
            }
        }
        return ratios;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
