namespace DataGouvTerr.Domain.Aggregation;

/// <summary>A public transport stop as first/last-mile products read it (GTFS <c>stop_id</c>, name, WGS84 position).</summary>
public readonly record struct TransitStop(string StopId, string? StopName, double Longitude, double Latitude);

/// <summary>
/// Finds the stops within a fixed distance of a point: stops are hashed into Lambert-93 squares of the radius, so a
/// lookup checks the 3 × 3 squares around the point and measures true metric distances only there.
/// </summary>
public sealed class StopProximityIndex
{
    private readonly Dictionary<(long, long), List<int>> _buckets = [];
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double _radiusSquared;

    public StopProximityIndex(IReadOnlyList<TransitStop> stops, double radiusMeters)
    {
        if (!(radiusMeters > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusMeters), radiusMeters, "The first/last-mile radius must be positive.");
        }
        Stops = stops;
        RadiusMeters = radiusMeters;
        _radiusSquared = radiusMeters * radiusMeters;
        _x = new double[stops.Count];
        _y = new double[stops.Count];
        for (var i = 0; i < stops.Count; i++)
        {
            (_x[i], _y[i]) = Lambert93Projection.Project(stops[i].Longitude, stops[i].Latitude);
            var key = Bucket(_x[i], _y[i]);
            if (!_buckets.TryGetValue(key, out var list))
            {
                list = [];
                _buckets[key] = list;
            }
            list.Add(i);
        }
    }

    public IReadOnlyList<TransitStop> Stops { get; }

    public double RadiusMeters { get; }

    /// <summary>Adds to <paramref name="result"/> the index of every stop within the radius of the point.</summary>
    public void StopsNear(double longitude, double latitude, List<int> result)
    {
        var (x, y) = Lambert93Projection.Project(longitude, latitude);
        var (bx, by) = Bucket(x, y);
        for (var dx = -1; dx <= 1; dx++)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                if (!_buckets.TryGetValue((bx + dx, by + dy), out var list))
                {
                    continue;
                }
                foreach (var i in list)
                {
                    var ex = _x[i] - x;
                    var ey = _y[i] - y;
                    if ((ex * ex) + (ey * ey) <= _radiusSquared)
                    {
                        result.Add(i);
                    }
                }
            }
        }
    }

    /// <summary>The nearest stop within the radius (ties to the lower index), or −1 when none is.</summary>
    public int NearestStop(double longitude, double latitude)
    {
        var (x, y) = Lambert93Projection.Project(longitude, latitude);
        var (bx, by) = Bucket(x, y);
        var best = -1;
        var bestDistance = double.MaxValue;
        for (var dx = -1; dx <= 1; dx++)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                if (!_buckets.TryGetValue((bx + dx, by + dy), out var list))
                {
                    continue;
                }
                foreach (var i in list)
                {
                    var ex = _x[i] - x;
                    var ey = _y[i] - y;
                    var d = (ex * ex) + (ey * ey);
                    if (d <= _radiusSquared && (d < bestDistance || (d == bestDistance && i < best)))
                    {
                        (best, bestDistance) = (i, d);
                    }
                }
            }
        }
        return best;
    }

    public bool AnyNear(double longitude, double latitude)
    {
        var found = new List<int>(4);
        StopsNear(longitude, latitude, found);
        return found.Count > 0;
    }

    private (long, long) Bucket(double x, double y) => ((long)Math.Floor(x / RadiusMeters), (long)Math.Floor(y / RadiusMeters));
}
