using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Tests.Publishing.Flows;

/// <summary>MDS trips of the sample contract's scooter operator, built in code between known places of the Rouen sample territory.</summary>
internal static class FlowSeed
{
    public static readonly Guid ScootProvider = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");

    /// <summary>In the sample "Rouen" commune and the métropole's perimeter.</summary>
    public static readonly (double Lon, double Lat) RouenCentre = (1.090, 49.440);
    /// <summary>In "Sotteville-lès-Rouen".</summary>
    public static readonly (double Lon, double Lat) Sotteville = (1.100, 49.415);
    /// <summary>In "Déville-lès-Rouen".</summary>
    public static readonly (double Lon, double Lat) Deville = (1.070, 49.470);
    /// <summary>In "Canteleu".</summary>
    public static readonly (double Lon, double Lat) Canteleu = (1.020, 49.440);

    /// <summary>The day the trips happen: three days before the hub's clock, so one-day embargoes have passed and seven-day ones have not.</summary>
    public static DateTimeOffset DayOf(HubFactory hub)
    {
        var now = hub.Clock.GetUtcNow();
        return new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3);
    }

    public static string DayText(HubFactory hub) => DayOf(hub).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// At 08:00–09:00: 40 trips Rouen → Sotteville, 12 Rouen → Déville and 3 Rouen → Canteleu (a small flow that the
    /// row total would reveal without complementary suppression); 15 trips Sotteville → Rouen at 17:00.
    /// </summary>
    public static async Task SeedStandardDayAsync(HubFactory hub)
    {
        var day = DayOf(hub);
        var trips = new List<MdsTripRecord>();
        for (var i = 0; i < 40; i++)
        {
            trips.Add(Trip(day.AddHours(8).AddMinutes(i), RouenCentre, Sotteville, 600 + i, 2500, $"d{i % 12}"));
        }
        for (var i = 0; i < 3; i++)
        {
            trips.Add(Trip(day.AddHours(8).AddMinutes(10 + i), RouenCentre, Canteleu, 900, 5000, $"d{i}"));
        }
        for (var i = 0; i < 12; i++)
        {
            trips.Add(Trip(day.AddHours(8).AddMinutes(20 + i), RouenCentre, Deville, 500, 3500, $"d{i}"));
        }
        for (var i = 0; i < 15; i++)
        {
            trips.Add(Trip(day.AddHours(17).AddMinutes(i * 2), Sotteville, RouenCentre, 700, 2600, $"d{i % 12}"));
        }
        await AddAsync(hub, trips);
    }

    public static async Task AddAsync(HubFactory hub, IEnumerable<MdsTripRecord> trips)
    {
        await using var scope = hub.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.AddRange(trips);
        await db.SaveChangesAsync();
    }

    public static MdsTripRecord Trip(DateTimeOffset start, (double Lon, double Lat) from, (double Lon, double Lat) to, int durationSeconds, int distanceMeters, string device) => new()
    {
        FeedId = "mds-scoot",
        ProviderId = ScootProvider,
        DeviceId = DeviceGuid(device),
        TripId = Guid.NewGuid(),
        TripType = "rider",
        StartTimeMs = start.ToUnixTimeMilliseconds(),
        EndTimeMs = start.AddSeconds(durationSeconds).ToUnixTimeMilliseconds(),
        StartLocation = new Point(from.Lon, from.Lat) { SRID = 4326 },
        EndLocation = new Point(to.Lon, to.Lat) { SRID = 4326 },
        DurationSeconds = durationSeconds,
        DistanceMeters = distanceMeters,
        ReceivedAtMs = start.AddMinutes(30).ToUnixTimeMilliseconds(),
        Source = "push",
    };

    public static async Task RunJobAsync(HubFactory hub, string day)
    {
        await using var scope = hub.Scope();
        await scope.ServiceProvider.GetRequiredService<FlowAggregationJob>().RunAsync(day, CancellationToken.None);
    }

    private static Guid DeviceGuid(string name) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
}
