namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// One observation of available vehicles at a place and instant: one MDS vehicle in state <c>available</c>
/// (count 1), a GBFS free-floating vehicle (1) or a GBFS station (<c>num_vehicles_available</c>).
/// </summary>
public readonly record struct AvailabilitySample(Guid ProviderId, DateTimeOffset SnapshotTime, double Longitude, double Latitude, int VehiclesAvailable);

/// <summary>Mean vehicles available in one unit and bin; null (suppressed) when under k.</summary>
public sealed record ZoneAvailability(long Bin, int Zone, double? MeanVehiclesAvailable, bool Suppressed);

/// <summary>
/// Availability per zoning unit and bin: for each provider, the vehicles seen in the unit summed over the
/// provider's snapshots in the bin and divided by that provider's snapshot count in the bin (a mean over time,
/// whatever the polling rate), then summed over providers. Means under k are suppressed, like every count.
/// </summary>
public static class AvailabilityAggregator
{
    public static IReadOnlyList<ZoneAvailability> Build(IEnumerable<AvailabilitySample> samples, AggregationZoning zoning, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, int minCount, ScopeClip? scope = null)
    {
        var k = Math.Max(minCount, Access.AccessPolicy.AbsoluteMinCount);
        var snapshots = new Dictionary<(Guid, long), HashSet<DateTimeOffset>>();
        var vehicles = new Dictionary<(Guid Provider, long Bin, int Zone), long>();
        foreach (var sample in samples)
        {
            if (sample.SnapshotTime < windowStart || sample.SnapshotTime >= windowEnd || sample.VehiclesAvailable < 0)
            {
                continue;
            }
            var bin = binning.IndexOf(sample.SnapshotTime);
            if (!snapshots.TryGetValue((sample.ProviderId, bin), out var times))
            {
                times = [];
                snapshots[(sample.ProviderId, bin)] = times;
            }
            times.Add(sample.SnapshotTime);
            var zone = zoning.Assign(sample.Longitude, sample.Latitude);
            if (zone == AggregationZoning.NoZone || (scope is not null && !scope.InScope(zone)))
            {
                continue;
            }
            vehicles[(sample.ProviderId, bin, zone)] = vehicles.GetValueOrDefault((sample.ProviderId, bin, zone)) + sample.VehiclesAvailable;
        }
        return vehicles
            .GroupBy(p => (p.Key.Bin, p.Key.Zone))
            .Select(g => (g.Key.Bin, g.Key.Zone, Mean: g.Sum(p => (double)p.Value / snapshots[(p.Key.Provider, p.Key.Bin)].Count)))
            .OrderBy(x => x.Bin).ThenBy(x => x.Zone)
            .Select(x => x.Mean < k
                ? new ZoneAvailability(x.Bin, x.Zone, null, true)
                : new ZoneAvailability(x.Bin, x.Zone, Math.Round(x.Mean, 1), false))
            .ToList();
    }
}
