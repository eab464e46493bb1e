namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>The shape of one trip before it is placed in time: its route, length and duration.</summary>
internal readonly record struct TripShape(IReadOnlyList<GpsPoint> Route, int DistanceMeters, int DurationSeconds)
{
    public GpsPoint Start => Route[0];
    public GpsPoint End => Route[^1];
}

/// <summary>
/// Draws plausible trip shapes: route length log-normal around 1.6 km within 0.3–6 km, a street-like detour of
/// 15–40 % over the straight line, riding at 11–18 km/h plus unlock and parking time, 3–30 minutes in all.
/// </summary>
internal sealed class TripShaper(TerritorySampler sampler)
{
    public const int MinDistanceMeters = 300;
    public const int MaxDistanceMeters = 6_000;
    public const int MinDurationSeconds = 180;
    public const int MaxDurationSeconds = 1_800;
    private const double MedianDistanceMeters = 1_600;
    private const double DistanceSigma = 0.6;

    public TripShape Shape(Random random, GpsPoint origin)
    {
        IReadOnlyList<GpsPoint> route = [origin, origin];
        var length = 0.0;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var target = Math.Clamp(
                MedianDistanceMeters * Math.Exp(TerritorySampler.Gaussian(random) * DistanceSigma),
                MinDistanceMeters,
                MaxDistanceMeters);
            var detour = 1.15 + (random.NextDouble() * 0.25);
            var destination = sampler.Destination(random, origin, target / detour);
            route = StreetLikeRoute(random, origin, destination);
            length = Length(route);
            if (length > MaxDistanceMeters)
            {
                route = [origin, destination];
                length = Length(route);
            }
            if (length is >= MinDistanceMeters and <= MaxDistanceMeters)
            {
                break;
            }
        }
        var distance = (int)Math.Round(Math.Clamp(length, MinDistanceMeters, MaxDistanceMeters));
        var speed = 3.0 + (random.NextDouble() * 2.0);
        var overhead = 30 + (random.NextDouble() * 60);
        var duration = (int)Math.Round(Math.Clamp((distance / speed) + overhead, MinDurationSeconds, MaxDurationSeconds));
        return new TripShape(route, distance, duration);
    }

    /// <summary>
    /// The same draws without building a route, for the fast generator: the length is the straight line times the
    /// detour, which is what the street-like route averages to.
    /// </summary>
    public (GpsPoint Start, GpsPoint End, int DistanceMeters, int DurationSeconds) ShapeWithoutRoute(Random random, GpsPoint origin)
    {
        var target = Math.Clamp(
            MedianDistanceMeters * Math.Exp(TerritorySampler.Gaussian(random) * DistanceSigma),
            MinDistanceMeters,
            MaxDistanceMeters);
        var detour = 1.15 + (random.NextDouble() * 0.25);
        var destination = sampler.Destination(random, origin, target / detour);
        var length = TerritorySampler.DistanceMeters(origin, destination) * detour;
        var distance = (int)Math.Round(Math.Clamp(length, MinDistanceMeters, MaxDistanceMeters));
        var speed = 3.0 + (random.NextDouble() * 2.0);
        var overhead = 30 + (random.NextDouble() * 60);
        var duration = (int)Math.Round(Math.Clamp((distance / speed) + overhead, MinDurationSeconds, MaxDurationSeconds));
        return (origin, destination, distance, duration);
    }

    /// <summary>Two intermediate points pushed sideways, so the path bends like streets do instead of flying straight.</summary>
    private List<GpsPoint> StreetLikeRoute(Random random, GpsPoint start, GpsPoint end)
    {
        var straight = TerritorySampler.DistanceMeters(start, end);
        var route = new List<GpsPoint>(4) { start };
        foreach (var along in (ReadOnlySpan<double>)[0.33, 0.66])
        {
            var onLine = new GpsPoint(start.Lat + ((end.Lat - start.Lat) * along), start.Lng + ((end.Lng - start.Lng) * along));
            var sideways = (random.NextDouble() - 0.5) * 0.6 * straight;
            var heading = TerritorySampler.HeadingDegrees(start, end) * Math.PI / 180;
            // Perpendicular to the heading: rotate the unit vector (east = sin, north = cos) by 90 degrees.
            var waypoint = TerritorySampler.Offset(onLine, Math.Cos(heading) * sideways, -Math.Sin(heading) * sideways);
            route.Add(sampler.Contains(waypoint) ? waypoint : onLine);
        }
        route.Add(end);
        return route;
    }

    public static double Length(IReadOnlyList<GpsPoint> route)
    {
        var length = 0.0;
        for (var i = 1; i < route.Count; i++)
        {
            length += TerritorySampler.DistanceMeters(route[i - 1], route[i]);
        }
        return length;
    }

    /// <summary>The point reached after <paramref name="fraction"/> of the route's length, and the heading there.</summary>
    public static (GpsPoint Point, double Heading) PointAlong(IReadOnlyList<GpsPoint> route, double fraction)
    {
        var target = Length(route) * Math.Clamp(fraction, 0, 1);
        for (var i = 1; i < route.Count; i++)
        {
            var segment = TerritorySampler.DistanceMeters(route[i - 1], route[i]);
            if (target <= segment || i == route.Count - 1)
            {
                var t = segment <= 0 ? 0 : Math.Min(1, target / segment);
                var a = route[i - 1];
                var b = route[i];
                return (new GpsPoint(a.Lat + ((b.Lat - a.Lat) * t), a.Lng + ((b.Lng - a.Lng) * t)), TerritorySampler.HeadingDegrees(a, b));
            }
            target -= segment;
        }
        return (route[^1], 0);
    }
}
