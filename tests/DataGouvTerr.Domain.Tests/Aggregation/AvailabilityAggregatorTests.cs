using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class AvailabilityAggregatorTests
{
    private static readonly DateTimeOffset Eight = Monday.AddHours(8);

    private static AvailabilityAggregate Exact(IEnumerable<AvailabilitySample> samples, AggregationZoning grid, OperatorSlicing? slicing = null) =>
        AvailabilityAggregator.Aggregate(AvailabilityAggregator.Place(samples, grid), new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), null, slicing ?? OperatorSlicing.Summed);

    [Fact]
    public void Averages_each_provider_over_its_own_snapshots_then_sums_providers()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        var samples = new[]
        {
            // Provider 1 polled twice in the hour: 10 then 20 vehicles → mean 15.
            new AvailabilitySample(ScootProvider, Eight, lon, lat, 10),
            new AvailabilitySample(ScootProvider, Eight.AddMinutes(30), lon, lat, 20),
            // Provider 2 polled once: 6 vehicles. Same cell: 15 + 6 = 21.
            new AvailabilitySample(OtherProvider, Eight.AddMinutes(10), lon, lat, 6),
        };

        var cell = Assert.Single(Exact(samples, grid).Cells);

        Assert.Equal(21.0, cell.MeanVehiclesAvailable, 4);
    }

    [Fact]
    public void Heartbeats_keep_instants_without_any_vehicle_in_the_mean()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        // Six vehicles available during the first half hour only; the provider is observed all hour: mean 3.
        var samples = Enumerable.Range(0, 12).Select(i => AvailabilitySample.Heartbeat(ScootProvider, Eight.AddMinutes(i * 5))).ToList();
        samples.AddRange(Enumerable.Range(0, 6).SelectMany(i => Enumerable.Range(0, 6).Select(v =>
            new AvailabilitySample(ScootProvider, Eight.AddMinutes(i * 5), lon, lat, 1, Vehicle(v)))));

        Assert.Equal(3.0, Assert.Single(Exact(samples, grid).Cells).MeanVehiclesAvailable, 4);
    }

    [Fact]
    public void One_vehicle_adds_at_most_one_weight_unit_to_a_bin_over_all_zones()
    {
        // The release's sensitivity: a vehicle moving through 12 cells, one per 5-minute snapshot, weighs at most L in all.
        var grid = Grid();
        var vehicle = Vehicle(1);
        var samples = Enumerable.Range(0, 12).Select(i => new AvailabilitySample(ScootProvider, Eight.AddMinutes(i * 5),
            At(560250 + (i * 500), 6925250).Lon, At(560250 + (i * 500), 6925250).Lat, 1, vehicle));

        var total = Exact(samples, grid).Cells.Sum(c => c.Weight);

        Assert.Equal(12, Exact(samples, grid).Cells.Count);
        Assert.True(total <= DataGouvTerr.Domain.Privacy.ReleasePlan.AvailabilityWeightUnit, $"{total}");
    }

    [Fact]
    public void An_operator_that_did_not_agree_is_summed_with_the_others_never_named()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        var samples = new List<AvailabilitySample>();
        foreach (var provider in new[] { ScootProvider, OtherProvider })
        {
            samples.AddRange(Enumerable.Range(0, 10).Select(v => new AvailabilitySample(provider, Eight, lon, lat, 1, Guid.NewGuid())));
        }
        var slicing = OperatorSlicing.Named(new Dictionary<Guid, string?> { [ScootProvider] = "Scoot", [OtherProvider] = null });

        var named = Exact(samples, grid, slicing);

        Assert.Equal(["Scoot", OperatorSlicing.OtherOperators], named.Cells.Select(c => named.SliceLabels[c.Slice]).Order(StringComparer.Ordinal));
        var summed = Exact(samples, grid);
        Assert.Equal(["all-operators"], summed.Cells.Select(c => summed.SliceLabels[c.Slice]));
    }

    private static Guid Vehicle(int n) => new(n, 0, 0, new byte[8]);
}

public class VehicleStateSamplerTests
{
    [Fact]
    public void A_vehicle_counts_at_the_instants_its_latest_state_is_available_at_its_latest_position()
    {
        var device = Guid.NewGuid();
        var start = Monday.AddHours(8);
        var observations = new[]
        {
            // Available since before the window, then on a trip from 08:12 to 08:31, then available again elsewhere.
            new VehicleObservation(ScootProvider, device, start.AddHours(-2).ToUnixTimeMilliseconds(), "available", 1.09, 49.44),
            new VehicleObservation(ScootProvider, device, start.AddMinutes(12).ToUnixTimeMilliseconds(), "on_trip", 1.09, 49.44),
            new VehicleObservation(ScootProvider, device, start.AddMinutes(31).ToUnixTimeMilliseconds(), "available", 1.10, 49.415),
            new VehicleObservation(ScootProvider, device, start.AddMinutes(50).ToUnixTimeMilliseconds(), null, 1.11, 49.416),
        };

        var samples = VehicleStateSampler.Sample(observations, start, start.AddHours(1));

        var vehicle = samples.Where(s => s.VehicleId == device).ToList();
        // 08:00, 08:05, 08:10 available; 08:15–08:30 on trip; 08:35–08:55 available again.
        Assert.Equal(3 + 5, vehicle.Count);
        Assert.Equal(1.09, vehicle[0].Longitude);
        Assert.Equal(1.11, vehicle[^1].Longitude);
        Assert.Equal(12, samples.Count(s => s.VehicleId is null && double.IsNaN(s.Longitude)));
    }

    [Fact]
    public void A_state_older_than_a_day_is_not_trusted()
    {
        var start = Monday.AddHours(8);
        var observations = new[] { new VehicleObservation(ScootProvider, Guid.NewGuid(), start.AddDays(-2).ToUnixTimeMilliseconds(), "available", 1.09, 49.44) };

        Assert.DoesNotContain(VehicleStateSampler.Sample(observations, start, start.AddHours(1)), s => s.VehiclesAvailable > 0);
    }
}
