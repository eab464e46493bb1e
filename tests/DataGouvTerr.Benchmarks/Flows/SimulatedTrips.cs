using DataGouvTerr.Domain.Aggregation;

namespace DataGouvTerr.Benchmarks.Flows;

/// <summary>
/// Reproducible micromobility trips around Rouen for the benchmark: origins drawn around a few hotspots, trips
/// of 300 m to ~5 km in a random direction, start times over 7 days following a morning/evening peak profile.
/// Generated in chunks so the benchmark never holds 10 million trips at once.
/// </summary>
internal sealed class SimulatedTrips(int seed)
{
    /// <summary>Centre of Rouen; positions are drawn in metres around it and turned into degrees with a local scale (fast, and exact enough for a simulation).</summary>
    private const double CentreLongitude = 1.0993;
    private const double CentreLatitude = 49.4431;
    private const double MetersPerDegreeLatitude = 111_195;
    private static readonly double MetersPerDegreeLongitude = MetersPerDegreeLatitude * Math.Cos(CentreLatitude * Math.PI / 180);
    public static readonly DateTimeOffset FirstDay = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    public const int Days = 7;

    private static readonly (double X, double Y, double Spread)[] Hotspots =
    [
        (0, 0, 1500), (-3000, 1500, 1200), (2500, -2500, 1800),
        (4000, 3000, 2500), (-5000, -4000, 3000),
    ];

    private static readonly (double X, double Y)[] Places = [.. Enumerable.Range(0, 40).Select(i => (Math.Cos(i * 2.4) * (500 + (i * 150)), Math.Sin(i * 2.4) * (500 + (i * 150))))];

    private static readonly Guid[] Providers = [Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b"), Guid.Parse("0b6c0a1e-0000-4000-8000-000000000002")];

    private readonly Random _random = new(seed);

    public void Fill(Span<TripObservation> chunk)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            double ox, oy, dx, dy;
            if (_random.NextDouble() < 0.5)
            {
                // Half the trips run between popular places (stations, campus, centre), as real fleets do.
                var from = Places[_random.Next(Places.Length)];
                var to = Places[(Array.IndexOf(Places, from) + 1 + _random.Next(4)) % Places.Length];
                (ox, oy) = (from.X + (Gaussian() * 120), from.Y + (Gaussian() * 120));
                (dx, dy) = (to.X + (Gaussian() * 120), to.Y + (Gaussian() * 120));
            }
            else
            {
                var hotspot = Hotspots[_random.Next(Hotspots.Length)];
                ox = hotspot.X + (Gaussian() * hotspot.Spread);
                oy = hotspot.Y + (Gaussian() * hotspot.Spread);
                var hop = 300 + (-Math.Log(1 - _random.NextDouble()) * 1500);
                var angle = _random.NextDouble() * 2 * Math.PI;
                dx = ox + (hop * Math.Cos(angle));
                dy = oy + (hop * Math.Sin(angle));
            }
            var length = Math.Sqrt(((dx - ox) * (dx - ox)) + ((dy - oy) * (dy - oy)));
            var (slon, slat) = ToDegrees(ox, oy);
            var (elon, elat) = ToDegrees(dx, dy);
            var start = FirstDay.AddDays(_random.Next(Days)).AddMinutes(MinuteOfDay());
            var duration = (length / 4.0) + (_random.NextDouble() * 120);
            chunk[i] = new TripObservation(Providers[i & 1], null, start, start.AddSeconds(duration), slon, slat, elon, elat, duration, length * 1.25);
        }
    }

    private static (double Lon, double Lat) ToDegrees(double eastMeters, double northMeters) =>
        (CentreLongitude + (eastMeters / MetersPerDegreeLongitude), CentreLatitude + (northMeters / MetersPerDegreeLatitude));

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>Two peaks (8:00 and 17:30) over a flat daytime base.</summary>
    private double MinuteOfDay()
    {
        var u = _random.NextDouble();
        var minute = u < 0.3 ? 480 + (Gaussian() * 60) : u < 0.6 ? 1050 + (Gaussian() * 75) : 360 + (_random.NextDouble() * 1020);
        return Math.Clamp(minute, 0, 1439.99);
    }
}
