using System.Diagnostics;
using DataGouvTerr.Domain.Mds.Simulation;

namespace DataGouvTerr.Domain.Tests.Mds.Simulation;

public sealed class TripSimulatorTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static MdsSimulationRequest Request(int seed = 3) => new()
    {
        Territory = RouenArea.Polygon,
        Hotspots = RouenArea.Hotspots,
        From = From,
        To = From.AddDays(30),
        VehicleCount = 500,
        Seed = seed,
    };

    [Fact]
    public void Generates_exactly_the_requested_count_deterministically()
    {
        var first = TripSimulator.Generate(Request(), 5_000).ToList();
        Assert.Equal(5_000, first.Count);
        Assert.Equal(first, TripSimulator.Generate(Request(), 5_000).ToList());
        Assert.NotEqual(first.Select(t => t.TripId), TripSimulator.Generate(Request(seed: 4), 5_000).Select(t => t.TripId));
        Assert.Equal(5_000, first.Select(t => t.TripId).Distinct().Count());
        Assert.InRange(first.Select(t => t.DeviceId).Distinct().Count(), 450, 500);
    }

    [Fact]
    public void Trips_stay_in_range_and_in_the_territory()
    {
        var sampler = new TerritorySampler(RouenArea.Polygon, RouenArea.Hotspots, new Random(1));
        foreach (var trip in TripSimulator.Generate(Request(), 20_000))
        {
            Assert.True(trip.StartTime >= From && trip.EndTime < From.AddDays(30));
            Assert.InRange(trip.DurationSeconds, 180, 1800);
            Assert.InRange(trip.DistanceMeters, 300, 6000);
            Assert.True(sampler.Contains(trip.Start) && sampler.Contains(trip.End));
            Assert.Null(trip.Route);
        }
    }

    [Fact]
    public void Follows_the_daily_demand_shape()
    {
        var paris = SimulationDefaults.FrenchTimeZone;
        var weekdayHours = TripSimulator.Generate(Request(), 50_000)
            .Select(t => TimeZoneInfo.ConvertTime(t.StartTime, paris))
            .Where(local => local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .GroupBy(local => local.Hour)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.True(weekdayHours[8] > 1.5 * weekdayHours[10]);
        Assert.True(weekdayHours[18] > 1.5 * weekdayHours[10]);
        Assert.False(weekdayHours.ContainsKey(3));
    }

    [Fact]
    public void Is_lazy_so_ten_million_trips_never_sit_in_memory()
    {
        // Taking the first items of a ten-million request must not generate the rest.
        var watch = Stopwatch.StartNew();
        var firstTen = TripSimulator.Generate(Request(), 10_000_000).Take(10).ToList();
        Assert.Equal(10, firstTen.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
