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
