using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class TerritoryIndicatorsTests
{
    private static readonly StopProximityIndex Stops = new([new TransitStop("A", "A", At(560250, 6925250).Lon, At(560250, 6925250).Lat)], 100);

    [Fact]
    public void Computes_trips_per_day_per_vehicle_and_share_touching_a_stop()
    {
        var at = Monday.AddHours(8);
        var trips = Repeat(30, i => Trip(0, 0, 3, 3, at, vehicle: $"v{i % 10}"))
            .Concat(Repeat(20, i => Trip(5, 5, 3, 3, at, vehicle: $"v{i % 10}")));

        var day = Assert.Single(TerritoryIndicators.Compute(trips, Stops, Monday, Monday.AddDays(1), 10));

        Assert.Equal(50, day.Trips);
        Assert.Equal(10, day.Vehicles);
        Assert.Equal(5.0, day.TripsPerVehicle);
        Assert.Equal(0.6, day.ShareTouchingStop);
    }

    [Fact]
    public void A_share_resting_on_fewer_than_k_trips_either_side_is_withheld()
    {
        var at = Monday.AddHours(8);
        // 48 trips touch the stop, 2 do not: publishing 0.96 of 50 would reveal the 2.
        var trips = Repeat(48, i => Trip(0, 0, 3, 3, at, vehicle: $"v{i}")).Concat(Repeat(2, i => Trip(5, 5, 3, 3, at, vehicle: $"w{i}")));

        var day = Assert.Single(TerritoryIndicators.Compute(trips, Stops, Monday, Monday.AddDays(1), 10));

        Assert.Equal(50, day.Trips);
        Assert.Null(day.ShareTouchingStop);
    }

    [Fact]
    public void A_day_with_fewer_than_k_trips_is_suppressed_entirely()
    {
        var day = Assert.Single(TerritoryIndicators.Compute(Repeat(3, _ => Trip(0, 0, 1, 1, Monday.AddHours(3))), Stops, Monday, Monday.AddDays(1), 10));

        Assert.True(day.Suppressed);
        Assert.Null(day.Trips);
        Assert.Null(day.Vehicles);
    }
}
