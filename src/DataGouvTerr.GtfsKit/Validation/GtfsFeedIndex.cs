using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// Lookups several rules share, built once per validation: ids to rows, stop coordinates (NaN when missing or
/// invalid), and stop_times' interned trip and stop ids resolved to rows of trips.txt and stops.txt (-1 when
/// the id is unknown: that is a foreign_key_violation reported by its own rule).
/// </summary>
public sealed class GtfsFeedIndex
{
    public GtfsFeedIndex(GtfsRawFeed feed)
    {
        Stops = feed.Table(GtfsFileNames.Stops);
        Trips = feed.Table(GtfsFileNames.Trips);
        Routes = feed.Table(GtfsFileNames.Routes);
        StopRowById = RowsById(Stops, "stop_id");
        TripRowById = RowsById(Trips, "trip_id");
        RouteRowById = RowsById(Routes, "route_id");

        var stopCount = Stops?.RowCount ?? 0;
        StopLat = new double[stopCount];
        StopLon = new double[stopCount];
        StopLocationType = new int[stopCount];
        for (var i = 0; i < stopCount; i++)
        {
            StopLat[i] = ParseCoordinate(Stops!.Get(i, "stop_lat"), 90);
            StopLon[i] = ParseCoordinate(Stops.Get(i, "stop_lon"), 180);
            StopLocationType[i] = GtfsFieldParser.TryParseInt(Stops.Get(i, "location_type"), out var t) ? t : 0;
        }

        // A platform without coordinates is placed at its parent station, as the MobilityData validator does.
        StopLatOrParent = (double[])StopLat.Clone();
        StopLonOrParent = (double[])StopLon.Clone();
        for (var i = 0; i < stopCount; i++)
        {
            if (!HasCoordinates(i) && StopRowById.TryGetValue(Stops!.Get(i, "parent_station"), out var parent) && HasCoordinates(parent))
            {
                StopLatOrParent[i] = StopLat[parent];
                StopLonOrParent[i] = StopLon[parent];
            }
        }

        var stopTimes = feed.StopTimes;
        StopTimesStopRow = stopTimes.StopIds.Select(id => StopRowById.GetValueOrDefault(id, -1)).ToArray();
        StopTimesTripRow = stopTimes.TripIds.Select(id => TripRowById.GetValueOrDefault(id, -1)).ToArray();
        _shapes = new Lazy<IReadOnlyDictionary<string, ShapePoints>>(() => ShapePoints.ReadAll(feed.Table(GtfsFileNames.Shapes)));
        _calendar = new Lazy<ServiceCalendar>(() => new ServiceCalendar(feed));
    }

    private readonly Lazy<IReadOnlyDictionary<string, ShapePoints>> _shapes;
    private readonly Lazy<ServiceCalendar> _calendar;

    /// <summary>Shapes by shape_id, points in shape_pt_sequence order (points with bad coordinates left out).</summary>
    public IReadOnlyDictionary<string, ShapePoints> Shapes => _shapes.Value;

    /// <summary>Active dates of each service_id.</summary>
    public ServiceCalendar Calendar => _calendar.Value;

    /// <summary>Stop latitude, or its parent station's when the stop has none.</summary>
    public double[] StopLatOrParent { get; }

    public double[] StopLonOrParent { get; }

    public GtfsRawTable? Stops { get; }

    public GtfsRawTable? Trips { get; }

    public GtfsRawTable? Routes { get; }

    public IReadOnlyDictionary<string, int> StopRowById { get; }

    public IReadOnlyDictionary<string, int> TripRowById { get; }

    public IReadOnlyDictionary<string, int> RouteRowById { get; }

    public double[] StopLat { get; }

    public double[] StopLon { get; }

    public int[] StopLocationType { get; }

    /// <summary>For each of <see cref="StopTimesColumns.StopIds"/>, its row in stops.txt or -1.</summary>
    public int[] StopTimesStopRow { get; }

    /// <summary>For each of <see cref="StopTimesColumns.TripIds"/>, its row in trips.txt or -1.</summary>
    public int[] StopTimesTripRow { get; }

    public bool HasCoordinates(int stopRow) => !double.IsNaN(StopLat[stopRow]) && !double.IsNaN(StopLon[stopRow]);

    /// <summary>The route_type of a trip's route, or -1 when the route is unknown or its type invalid.</summary>
    public int RouteTypeOfTrip(int tripRow)
    {
        if (Trips is null || Routes is null || !RouteRowById.TryGetValue(Trips.Get(tripRow, "route_id"), out var routeRow))
        {
            return -1;
        }
        return GtfsFieldParser.TryParseInt(Routes.Get(routeRow, "route_type"), out var type) ? type : -1;
    }

    private static Dictionary<string, int> RowsById(GtfsRawTable? table, string idColumn)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = table?.Column(idColumn);
        if (ids is null)
        {
            return rows;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i].Length > 0)
            {
                // Duplicates are duplicate_key notices; the first row is the one references resolve to.
                rows.TryAdd(ids[i], i);
            }
        }
        return rows;
    }

    private static double ParseCoordinate(string value, double limit) =>
        GtfsFieldParser.TryParseDouble(value, out var v) && Math.Abs(v) <= limit ? v : double.NaN;
}

/// <summary>Great-circle distances on the WGS84 mean sphere, in metres.</summary>
public static class GeoDistance
{
    private const double EarthRadiusMeters = 6_371_008.8;

    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLon = DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Distance from a point to the segment a-b, on a local equirectangular projection (fine below a few km).</summary>
    public static double PointToSegmentMeters(double lat, double lon, double latA, double lonA, double latB, double lonB)
    {
        var k = Math.Cos(DegreesToRadians(lat));
        double X(double l) => DegreesToRadians(l - lon) * k * EarthRadiusMeters;
        double Y(double l) => DegreesToRadians(l - lat) * EarthRadiusMeters;
        double ax = X(lonA), ay = Y(latA), bx = X(lonB), by = Y(latB);
        double dx = bx - ax, dy = by - ay;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1);
        double px = ax + (t * dx), py = ay + (t * dy);
        return Math.Sqrt((px * px) + (py * py));
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;
}
