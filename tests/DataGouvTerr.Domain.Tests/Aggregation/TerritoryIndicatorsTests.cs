using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class TerritoryIndicatorsTests
{
    private static readonly StopProximityIndex Stops = new([new TransitStop("A", "A", At(560250, 6925250).Lon, At(560250, 6925250).Lat)], 100);

    [Fact]
    public void Counts_trips_vehicles_and_trips_touching_a_stop_in_the_window()
    {
        var at = Monday.AddHours(8);
        var trips = Repeat(30, i => Trip(0, 0, 3, 3, at, vehicle: $"v{i % 10}"))
            .Concat(Repeat(20, i => Trip(5, 5, 3, 3, at, vehicle: $"v{i % 10}")))
            .Append(Trip(5, 5, 3, 3, Monday.AddDays(1).AddHours(1)));

        Assert.Equal((50, 10, 30), TerritoryIndicators.Count(trips, Stops, Monday, Monday.AddDays(1)));
    }

    [Fact]
    public void Ratios_are_post_processing_of_the_shown_noisy_counts()
    {
        var at = Monday.AddHours(8);
        var trips = Repeat(3000, i => Trip(i % 2 == 0 ? 0 : 5, 0, 3, 3, at, vehicle: $"v{i % 600}")).ToList();
        var plan = DataGouvTerr.Domain.Privacy.ReleasePlan.For("indicators", 1.0m, 0.000001m, 10);

        var day = TerritoryIndicators.Compute(trips, Stops, DateOnly.FromDateTime(Monday.Date), Monday, Monday.AddDays(1), plan,
            DataGouvTerr.Domain.Privacy.SecureNoiseSource.Instance);

        Assert.InRange(day.Trips!.Value, 2900, 3100);
        Assert.InRange(day.Vehicles!.Value, 500, 700);
        Assert.Equal(Math.Round((double)day.Trips.Value / day.Vehicles.Value, 2), day.TripsPerVehicle);
        Assert.InRange(day.ShareTouchingStop!.Value, 0.45, 0.55);
    }

    [Fact]
    public void A_quiet_day_is_withheld_rather_than_shown_under_the_threshold()
    {
        var plan = DataGouvTerr.Domain.Privacy.ReleasePlan.For("indicators", 1.0m, 0.000001m, 10);
        for (var run = 0; run < 200; run++)
        {
            var day = TerritoryIndicators.Compute(Repeat(3, _ => Trip(0, 0, 1, 1, Monday.AddHours(3))), Stops, DateOnly.FromDateTime(Monday.Date),
                Monday, Monday.AddDays(1), plan, DataGouvTerr.Domain.Privacy.SecureNoiseSource.Instance);
            Assert.True(day.Trips is null || day.Trips >= plan[DataGouvTerr.Domain.Privacy.ReleasePlan.Names.DayTrips].Threshold);
            Assert.True(day.Vehicles is null || day.Vehicles >= plan[DataGouvTerr.Domain.Privacy.ReleasePlan.Names.DayVehicles].Threshold);
        }
    }
}
