using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Tests.Aggregation;

/// <summary>Trips and zonings built in code around Rouen, addressed by Lambert-93 metres so tests know each trip's cell.</summary>
internal static class FlowFixtures
{
    public static readonly Guid ScootProvider = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");
    public static readonly Guid OtherProvider = Guid.Parse("11111111-2222-3333-4444-555555555555");
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A 10 km × 10 km square territory whose lower-left corner is (560000, 6925000) in Lambert-93.</summary>
    public static Geometry Territory()
    {
        var f = new GeometryFactory(new PrecisionModel(), Reprojector.Lambert93Srid);
        var square = f.CreatePolygon([new(560000, 6925000), new(570000, 6925000), new(570000, 6935000), new(560000, 6935000), new(560000, 6925000)]);
        return Reprojector.Instance.ToWgs84(square);
    }

    public static GridAggregationZoning Grid(int cellSize = 500) => new(new GridZoning($"grid-{cellSize}m", cellSize), Territory());

    /// <summary>WGS84 position of a Lambert-93 point (metres).</summary>
    public static (double Lon, double Lat) At(double x, double y) => Reprojector.Instance.ToWgs84(x, y);

    /// <summary>A trip from the centre of the 500 m cell (ox, oy) to that of (dx, dy), cells counted from the territory corner.</summary>
    public static TripObservation Trip(int ox, int oy, int dx, int dy, DateTimeOffset start, double durationSeconds = 600, double distanceMeters = 1500, Guid? provider = null, string? vehicle = null)
    {
        var (slon, slat) = At(560000 + (ox * 500) + 250, 6925000 + (oy * 500) + 250);
        var (elon, elat) = At(560000 + (dx * 500) + 250, 6925000 + (dy * 500) + 250);
        return new TripObservation(provider ?? ScootProvider, vehicle ?? "v1", start, start.AddSeconds(durationSeconds), slon, slat, elon, elat, durationSeconds, distanceMeters);
    }

    public static IEnumerable<TripObservation> Repeat(int count, Func<int, TripObservation> make) => Enumerable.Range(0, count).Select(make);

    public static OdAggregate Aggregate(IEnumerable<TripObservation> trips, AggregationZoning? zoning = null, TimeSpan? bin = null,
        OperatorSlicing? slicing = null, ScopeClip? scope = null)
    {
        var z = zoning ?? Grid();
        var aggregator = new OdAggregator(new TripCoarsener(z, new TimeBinning(bin ?? TimeSpan.FromHours(1))), Monday, Monday.AddDays(7), slicing ?? OperatorSlicing.Summed, scope);
        aggregator.AddRange(trips);
        return aggregator.Build();
    }
}
