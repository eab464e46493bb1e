using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>
/// Draws points inside the territory: near hotspots (weighted), uniformly, or at a given distance from an origin.
/// Distances use a local equirectangular approximation, exact enough over a city for trip lengths.
/// </summary>
public sealed class TerritorySampler
{
    private const double MetersPerDegreeLat = 111_320;
    private const int MaxAttempts = 40;

    private readonly IPreparedGeometry _territory;
    private readonly Envelope _envelope;
    private readonly GeometryFactory _factory;
    private readonly Hotspot[] _hotspots;
    private readonly double[] _cumulativeHotspotWeights;
    private readonly GpsPoint _centre;

    public TerritorySampler(Geometry territory, IReadOnlyList<Hotspot> hotspots, Random random)
    {
        _territory = PreparedGeometryFactory.Prepare(territory);
        _envelope = territory.EnvelopeInternal;
        _factory = territory.Factory;
        var interior = territory.InteriorPoint;
        _centre = new GpsPoint(interior.Y, interior.X);
        _hotspots = hotspots.Count > 0 ? [.. hotspots] : DeriveHotspots(random);
        _cumulativeHotspotWeights = new double[_hotspots.Length];
        var sum = 0.0;
        for (var i = 0; i < _hotspots.Length; i++)
        {
            sum += _hotspots[i].Weight;
            _cumulativeHotspotWeights[i] = sum;
        }
    }

    public IReadOnlyList<Hotspot> Hotspots => _hotspots;

    public bool Contains(GpsPoint point) => _territory.Contains(_factory.CreatePoint(new Coordinate(point.Lng, point.Lat)));

    /// <summary>A point scattered around a weighted hotspot (a parked vehicle is rarely exactly at the station).</summary>
    public GpsPoint NearHotspot(Random random, double spreadMeters = 200)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var hotspot = PickHotspot(random);
            var candidate = Offset(hotspot.Location, Gaussian(random) * spreadMeters, Gaussian(random) * spreadMeters);
            if (Contains(candidate))
            {
                return candidate;
            }
        }
        return _centre;
    }

    public GpsPoint Uniform(Random random)
    {
        for (var attempt = 0; attempt < MaxAttempts * 10; attempt++)
        {
            var candidate = new GpsPoint(
                _envelope.MinY + (random.NextDouble() * _envelope.Height),
                _envelope.MinX + (random.NextDouble() * _envelope.Width));
            if (Contains(candidate))
            {
                return candidate;
            }
        }
        return _centre;
    }

    /// <summary>
    /// A destination about <paramref name="straightMeters"/> away: more than half the time the hotspot the rider heads
    /// to (gravity-weighted so near hotspots win), otherwise a random bearing; always inside the territory.
    /// </summary>
    public GpsPoint Destination(Random random, GpsPoint origin, double straightMeters, double hotspotShare = 0.55)
    {
        if (random.NextDouble() < hotspotShare)
        {
            for (var attempt = 0; attempt < 6; attempt++)
            {
                var hotspot = PickHotspot(random);
                var candidate = Offset(hotspot.Location, Gaussian(random) * 150, Gaussian(random) * 150);
                var distance = DistanceMeters(origin, candidate);
                // Accept the hotspot only when it fits the trip length drawn (within a factor), else fall through.
                if (distance > 250 && distance < 4_800 && distance > straightMeters / 2.5 && distance < straightMeters * 2.5
                    && Contains(candidate))
                {
                    return candidate;
                }
            }
        }
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var bearing = random.NextDouble() * 2 * Math.PI;
            var candidate = Offset(origin, Math.Sin(bearing) * straightMeters, Math.Cos(bearing) * straightMeters);
            if (Contains(candidate))
            {
                return candidate;
            }
        }
        // Near the border every bearing may fall outside: head towards the centre instead.
        var towardCentre = DistanceMeters(origin, _centre);
        var fraction = towardCentre < 1 ? 0 : Math.Min(1, straightMeters / towardCentre);
        return new GpsPoint(origin.Lat + ((_centre.Lat - origin.Lat) * fraction), origin.Lng + ((_centre.Lng - origin.Lng) * fraction));
    }

    private Hotspot PickHotspot(Random random)
    {
        var target = random.NextDouble() * _cumulativeHotspotWeights[^1];
        var index = Array.BinarySearch(_cumulativeHotspotWeights, target);
        return _hotspots[index < 0 ? Math.Min(~index, _hotspots.Length - 1) : index];
    }

    private Hotspot[] DeriveHotspots(Random random)
    {
        // The centre weighs most; four more points within the inner part of the territory stand for stations and campuses.
        var derived = new List<Hotspot> { new("centre", _centre, 3) };
        for (var i = 0; derived.Count < 5 && i < 200; i++)
        {
            var candidate = new GpsPoint(
                _centre.Lat + ((random.NextDouble() - 0.5) * _envelope.Height * 0.5),
                _centre.Lng + ((random.NextDouble() - 0.5) * _envelope.Width * 0.5));
            if (Contains(candidate))
            {
                derived.Add(new Hotspot($"hotspot-{derived.Count}", candidate, 1 + random.NextDouble()));
            }
        }
        return [.. derived];
    }

    public static double DistanceMeters(GpsPoint a, GpsPoint b)
    {
        var dy = (b.Lat - a.Lat) * MetersPerDegreeLat;
        var dx = (b.Lng - a.Lng) * MetersPerDegreeLat * Math.Cos((a.Lat + b.Lat) * Math.PI / 360);
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>Heading in degrees clockwise from north, as the MDS gps model gives it.</summary>
    public static double HeadingDegrees(GpsPoint from, GpsPoint to)
    {
        var dy = to.Lat - from.Lat;
        var dx = (to.Lng - from.Lng) * Math.Cos(from.Lat * Math.PI / 180);
        var degrees = Math.Atan2(dx, dy) * 180 / Math.PI;
        return degrees < 0 ? degrees + 360 : degrees;
    }

    public static GpsPoint Offset(GpsPoint origin, double eastMeters, double northMeters) => new(
        origin.Lat + (northMeters / MetersPerDegreeLat),
        origin.Lng + (eastMeters / (MetersPerDegreeLat * Math.Cos(origin.Lat * Math.PI / 180))));

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
