using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class AvailabilityAggregatorTests
{
    [Fact]
    public void Averages_each_provider_over_its_own_snapshots_then_sums_providers()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        var at = Monday.AddHours(8);
        var samples = new[]
        {
            // Provider 1 polled twice in the hour: 10 then 20 vehicles → mean 15.
            new AvailabilitySample(ScootProvider, at, lon, lat, 10),
            new AvailabilitySample(ScootProvider, at.AddMinutes(30), lon, lat, 20),
            // Provider 2 polled once: 6 vehicles. Same cell: 15 + 6 = 21.
            new AvailabilitySample(OtherProvider, at.AddMinutes(10), lon, lat, 6),
            // A lone vehicle elsewhere: a mean under k, suppressed.
            new AvailabilitySample(OtherProvider, at.AddMinutes(10), At(563250, 6928250).Lon, At(563250, 6928250).Lat, 1),
        };

        var result = AvailabilityAggregator.Build(samples, grid, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), 5);

        Assert.Equal(2, result.Count);
        Assert.Equal(21.0, result.Single(r => r.Zone == grid.Assign(lon, lat)).MeanVehiclesAvailable);
        Assert.True(result.Single(r => r.Zone != grid.Assign(lon, lat)).Suppressed);
    }
}

public class AvailabilityPrivacyTests
{
    private static readonly DateTimeOffset Eight = Monday.AddHours(8);

    [Fact]
    public void A_cell_is_suppressed_when_fewer_than_k_distinct_vehicles_were_seen_however_high_its_mean()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        // Three scooters available all hour (mean 3) but k = 5: suppressed. Six scooters in another cell: published.
        var samples = Enumerable.Range(0, 12).SelectMany(i => Enumerable.Range(0, 3).Select(v =>
            new AvailabilitySample(ScootProvider, Eight.AddMinutes(i * 5), lon, lat, 1, Vehicle(v)))).ToList();
        var (lon2, lat2) = At(563250, 6928250);
        samples.AddRange(Enumerable.Range(0, 12).SelectMany(i => Enumerable.Range(10, 6).Select(v =>
            new AvailabilitySample(ScootProvider, Eight.AddMinutes(i * 5), lon2, lat2, 1, Vehicle(v)))));

        var result = AvailabilityAggregator.Build(samples, grid, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), 5);

        var hidden = result.Single(r => r.Zone == grid.Assign(lon, lat));
        Assert.True(hidden.Suppressed);
        Assert.Null(hidden.MeanVehiclesAvailable);
        Assert.Null(hidden.VehiclesObserved);
        var shown = result.Single(r => r.Zone == grid.Assign(lon2, lat2));
        Assert.Equal((6.0, 6), (shown.MeanVehiclesAvailable, shown.VehiclesObserved));
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

        var cell = Assert.Single(AvailabilityAggregator.Build(samples, grid, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), 5));

        Assert.Equal(3.0, cell.MeanVehiclesAvailable);
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

        var result = AvailabilityAggregator.Build(samples, grid, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), 5, slicing: slicing);

        Assert.Equal(["Scoot", OperatorSlicing.OtherOperators], result.Select(r => r.Operators).Order(StringComparer.Ordinal));
        Assert.Equal(["all-operators"], AvailabilityAggregator.Build(samples, grid, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), 5).Select(r => r.Operators));
    }

    [Fact]
    public void A_roll_up_hides_a_coarse_cell_named_as_covering_a_suppressed_finer_one()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        var samples = Enumerable.Range(0, 20).Select(v => new AvailabilitySample(ScootProvider, Eight, lon, lat, 1, Guid.NewGuid()));
        var hour = new TimeBinning(TimeSpan.FromHours(1));
        var raw = AvailabilityAggregator.Aggregate(AvailabilityAggregator.Place(samples, grid), hour, Monday, Monday.AddDays(1), null, OperatorSlicing.Summed);
        var key = (OperatorSlicing.AllOperators, hour.IndexOf(Eight), grid.Assign(lon, lat));

        Assert.False(Assert.Single(AvailabilityAggregator.Publish(raw, 5)).Suppressed);
        Assert.True(Assert.Single(AvailabilityAggregator.Publish(raw, 5, new HashSet<(string, long, int)> { key })).Suppressed);
    }

    [Fact]
    public void Gbfs_counts_without_ids_count_the_largest_snapshot_as_distinct_vehicles()
    {
        var grid = Grid();
        var (lon, lat) = At(560250, 6925250);
        var samples = new[]
        {
            new AvailabilitySample(OtherProvider, Eight, lon, lat, 3),
            new AvailabilitySample(OtherProvider, Eight, lon, lat, 1),
            new AvailabilitySample(OtherProvider, Eight.AddMinutes(15), lon, lat, 2),
        };

        var raw = AvailabilityAggregator.Aggregate(AvailabilityAggregator.Place(samples, grid), new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), null, OperatorSlicing.Summed);

        var cell = Assert.Single(raw.Cells);
        Assert.Equal(4, cell.VehiclesObserved);
        Assert.Equal(3.0, cell.MeanVehiclesAvailable);
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
