using NetTopologySuite.Geometries;

namespace DataGouvTerr.GtfsKit.Geometry;

/// <summary>
/// Stops as points and shapes/trips as line strings: in WGS84 (SRID 4326) for output, or in the feed's local UTM zone
/// (metres) for measuring, as gtfs_kit does with use_utm=True. Stops and shapes each get the zone of their own bounding
/// box, like gtfs_kit's separate estimate_utm_crs calls.
/// </summary>
public sealed class GtfsGeometry
{
    /// <summary>The one WGS84 factory of GtfsKit (SRID 4326).</summary>
    public static GeometryFactory Wgs84 { get; } = new(new PrecisionModel(), 4326);

    private readonly GtfsFeed _feed;
    private readonly GeometryFactory _metric = new(new PrecisionModel(), 0);
    private Dictionary<string, Point>? _stopPointsUtm;
    private Dictionary<int, LineString>? _shapeLinesUtm;
    // Also the lock of the lazy builds: once cached on GtfsFeed, one geometry may serve several threads.
    private readonly Dictionary<int, (LineString? Line, bool IsSimple, double Length)> _shapeMeasures = [];
    private UtmProjector? _stopProjector;
    private UtmProjector? _shapeProjector;

    public GtfsGeometry(GtfsFeed feed) => _feed = feed;

    /// <summary>UTM zone used for stops (null when no stop has coordinates).</summary>
    public UtmProjector? StopProjector
    {
        get
        {
            EnsureStops();
            return _stopProjector;
        }
    }

    /// <summary>UTM zone used for shapes (null when there are no shape points).</summary>
    public UtmProjector? ShapeProjector
    {
        get
        {
            EnsureShapes();
            return _shapeProjector;
        }
    }

    /// <summary>Each stop with coordinates as a WGS84 point (x = lon, y = lat), by stop_id (first occurrence wins).</summary>
    public Dictionary<string, Point> StopPoints()
    {
        var result = new Dictionary<string, Point>(StringComparer.Ordinal);
        foreach (var s in _feed.Stops)
        {
            if (s.StopLat is { } lat && s.StopLon is { } lon)
            {
                result.TryAdd(s.StopId, Wgs84.CreatePoint(new Coordinate(lon, lat)));
            }
        }

        return result;
    }

    /// <summary>Each shape as a WGS84 line string ordered by shape_pt_sequence, by shape_id; shapes of fewer than 2 points are left out.</summary>
    public Dictionary<string, LineString> ShapeLines()
    {
        var shapes = _feed.Shapes;
        var result = new Dictionary<string, LineString>(StringComparer.Ordinal);
        for (var s = 0; s < shapes.ShapeIds.Count; s++)
        {
            var coords = ShapeCoordinates(s, (lon, lat) => (lon, lat));
            if (coords.Length >= 2)
            {
                result[shapes.ShapeIds[s]] = Wgs84.CreateLineString(coords);
            }
        }

        return result;
    }

    /// <summary>Each trip with a known shape as that shape's WGS84 line string, by trip_id.</summary>
    public Dictionary<string, LineString> TripLines()
    {
        var shapes = ShapeLines();
        var result = new Dictionary<string, LineString>(StringComparer.Ordinal);
        foreach (var t in _feed.Trips)
        {
            if (shapes.TryGetValue(t.ShapeId, out var line))
            {
                result.TryAdd(t.TripId, line);
            }
        }

        return result;
    }

    /// <summary>A stop's point in the stops' UTM zone (metres), or null when the stop is unknown or has no coordinates.</summary>
    public Point? StopPointUtm(string stopId)
    {
        EnsureStops();
        return _stopPointsUtm.GetValueOrDefault(stopId);
    }

    /// <summary>A shape's line in the shapes' UTM zone (metres), by shape pool index, or null when it has fewer than 2 points.</summary>
    public LineString? ShapeLineUtm(int shapeIndex)
    {
        EnsureShapes();
        return _shapeLinesUtm.GetValueOrDefault(shapeIndex);
    }

    /// <summary>A shape's UTM line with its length (m) and whether it is simple (does not cross itself), computed once per shape.</summary>
    public (LineString? Line, bool IsSimple, double Length) ShapeMeasuresUtm(int shapeIndex)
    {
        lock (_shapeMeasures)
        {
            if (!_shapeMeasures.TryGetValue(shapeIndex, out var measures))
            {
                var line = ShapeLineUtm(shapeIndex);
                _shapeMeasures[shapeIndex] = measures = (line, line?.IsSimple ?? false, line?.Length ?? double.NaN);
            }

            return measures;
        }
    }

    /// <summary>
    /// Computes <see cref="ShapeMeasuresUtm"/> of these shapes ahead, in parallel: the self-intersection test of long
    /// shapes is the costliest part of trip stats, and shapes are independent of each other.
    /// </summary>
    public void PrepareShapeMeasures(IEnumerable<int> shapeIndexes)
    {
        EnsureShapes();
        int[] todo;
        lock (_shapeMeasures)
        {
            todo = [.. shapeIndexes.Distinct().Where(i => !_shapeMeasures.ContainsKey(i))];
        }

        var measures = new (LineString? Line, bool IsSimple, double Length)[todo.Length];
        Parallel.For(0, todo.Length, k =>
        {
            var line = _shapeLinesUtm.GetValueOrDefault(todo[k]);
            measures[k] = (line, line?.IsSimple ?? false, line?.Length ?? double.NaN);
        });
        lock (_shapeMeasures)
        {
            for (var k = 0; k < todo.Length; k++)
            {
                _shapeMeasures.TryAdd(todo[k], measures[k]);
            }
        }
    }

    /// <summary>Distance in metres between two stops, measured in the stops' UTM zone; NaN when either is unknown.</summary>
    public double StopDistanceMeters(string fromStopId, string toStopId)
    {
        var a = StopPointUtm(fromStopId);
        var b = StopPointUtm(toStopId);
        return a is null || b is null ? double.NaN : a.Distance(b);
    }

    /// <summary>Great-circle (haversine, mean Earth radius 6,371,008.8 m) distance, for callers that have no feed-wide zone.</summary>
    public static double HaversineMeters(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthRadiusMeters = 6_371_008.8;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_stopPointsUtm))]
    private void EnsureStops()
    {
        lock (_shapeMeasures)
        {
            if (_stopPointsUtm is null)
            {
                BuildStops();
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_stopPointsUtm))]
    private void BuildStops()
    {

        var located = _feed.Stops.Where(s => s.StopLat.HasValue && s.StopLon.HasValue).ToList();
        _stopPointsUtm = new Dictionary<string, Point>(StringComparer.Ordinal);
        if (located.Count == 0)
        {
            return;
        }

        _stopProjector = UtmProjector.ForBounds(
            located.Min(s => s.StopLon!.Value), located.Min(s => s.StopLat!.Value),
            located.Max(s => s.StopLon!.Value), located.Max(s => s.StopLat!.Value));
        foreach (var s in located)
        {
            var (x, y) = _stopProjector.Project(s.StopLon!.Value, s.StopLat!.Value);
            _stopPointsUtm.TryAdd(s.StopId, _metric.CreatePoint(new Coordinate(x, y)));
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_shapeLinesUtm))]
    private void EnsureShapes()
    {
        lock (_shapeMeasures)
        {
            if (_shapeLinesUtm is null)
            {
                BuildShapes();
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_shapeLinesUtm))]
    private void BuildShapes()
    {

        _shapeLinesUtm = [];
        var shapes = _feed.Shapes;
        double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
        for (var i = 0; i < shapes.Count; i++)
        {
            var lon = shapes.Lon[i];
            var lat = shapes.Lat[i];
            if (double.IsNaN(lon) || double.IsNaN(lat))
            {
                continue;
            }

            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
        }

        if (minLon > maxLon)
        {
            return;
        }

        var projector = UtmProjector.ForBounds(minLon, minLat, maxLon, maxLat);
        _shapeProjector = projector;
        for (var s = 0; s < shapes.ShapeIds.Count; s++)
        {
            var coords = ShapeCoordinates(s, projector.Project);
            if (coords.Length >= 2)
            {
                _shapeLinesUtm[s] = _metric.CreateLineString(coords);
            }
        }
    }

    private Coordinate[] ShapeCoordinates(int shapeIndex, Func<double, double, (double X, double Y)> project)
    {
        var shapes = _feed.Shapes;
        var points = shapes.PointsOf(shapeIndex);
        var valid = 0;
        foreach (var p in points)
        {
            valid += double.IsNaN(shapes.Lon[p]) || double.IsNaN(shapes.Lat[p]) ? 0 : 1;
        }

        var coords = new Coordinate[valid];
        var n = 0;
        foreach (var p in points)
        {
            if (!double.IsNaN(shapes.Lon[p]) && !double.IsNaN(shapes.Lat[p]))
            {
                var (x, y) = project(shapes.Lon[p], shapes.Lat[p]);
                coords[n++] = new Coordinate(x, y);
            }
        }

        return coords;
    }
}
