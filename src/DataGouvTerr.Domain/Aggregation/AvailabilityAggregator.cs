namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// One observation of available vehicles at a place and instant: one MDS vehicle in state <c>available</c>
/// (count 1, with its device id), a GBFS free-floating vehicle (1) or a GBFS station (<c>num_vehicles_available</c>).
/// A sample with no position (NaN) and no vehicle is a heartbeat: it says the provider was observed at that instant,
/// so instants where it had no vehicle available still count in its mean.
/// </summary>
public readonly record struct AvailabilitySample(Guid ProviderId, DateTimeOffset SnapshotTime, double Longitude, double Latitude, int VehiclesAvailable, Guid? VehicleId = null)
{
    public static AvailabilitySample Heartbeat(Guid providerId, DateTimeOffset at) => new(providerId, at, double.NaN, double.NaN, 0);
}

/// <summary>An <see cref="AvailabilitySample"/> already placed in a unit of the zoning (<see cref="AggregationZoning.NoZone"/> for a heartbeat).</summary>
public readonly record struct ZonedAvailabilitySample(Guid ProviderId, long SnapshotUnixMs, int Zone, int VehiclesAvailable, Guid? VehicleId = null);

/// <summary>A published noisy mean of vehicles available in one unit and bin (units under the threshold are not listed).</summary>
public sealed record ZoneAvailability(string Operators, long Bin, int Zone, double MeanVehiclesAvailable);

/// <summary>
/// One unit and bin before noise: never published as is. <see cref="Weight"/> is the mean vehicles available in
/// integer weight units (<see cref="Privacy.ReleasePlan.AvailabilityWeightUnit"/> per vehicle present all the bin).
/// </summary>
public readonly record struct RawZoneAvailability(int Slice, long Bin, int Zone, long Weight)
{
    public double MeanVehiclesAvailable => (double)Weight / Privacy.ReleasePlan.AvailabilityWeightUnit;
}

/// <summary>Raw availability of one window, sorted by slice, bin and zone, with the slicing's labels.</summary>
public sealed record AvailabilityAggregate(IReadOnlyList<string> SliceLabels, IReadOnlyList<RawZoneAvailability> Cells);

/// <summary>
/// Availability per zoning unit and bin. The measure: for each provider, the vehicles available in the unit summed
/// over the provider's snapshots in the bin (MDS: the fleet's state sampled every 5 minutes; GBFS: each stored poll)
/// and divided by that provider's snapshot count in the bin — the mean number of vehicles available, whatever the
/// polling rate — then summed over the providers of a slice. Kept in integer weights: a sample of a provider with S
/// snapshots in the bin weighs ⌊L / S⌋, so a vehicle, which is in one place per snapshot, adds at most L to a bin
/// over all units: the sensitivity of the release's unit, a vehicle within a bin.
/// </summary>
public static class AvailabilityAggregator
{
    /// <summary>Places samples in the zoning's units (heartbeats and points outside every unit get <see cref="AggregationZoning.NoZone"/>).</summary>
    public static IEnumerable<ZonedAvailabilitySample> Place(IEnumerable<AvailabilitySample> samples, AggregationZoning zoning) =>
        samples.Select(s => new ZonedAvailabilitySample(s.ProviderId, s.SnapshotTime.ToUnixTimeMilliseconds(),
            double.IsNaN(s.Longitude) || double.IsNaN(s.Latitude) ? AggregationZoning.NoZone : zoning.Assign(s.Longitude, s.Latitude),
            s.VehiclesAvailable, s.VehicleId));

    /// <summary>Exact weights per slice, bin and unit; units outside the scope are dropped.</summary>
    public static AvailabilityAggregate Aggregate(IEnumerable<ZonedAvailabilitySample> samples, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, ScopeClip? scope, OperatorSlicing slicing)
    {
        var from = windowStart.ToUnixTimeMilliseconds();
        var to = windowEnd.ToUnixTimeMilliseconds();
        var snapshots = new Dictionary<(Guid Provider, long Bin), HashSet<long>>();
        var cells = new Dictionary<(Guid Provider, long Bin, int Zone), long>();
        foreach (var sample in samples)
        {
            if (sample.SnapshotUnixMs < from || sample.SnapshotUnixMs >= to || sample.VehiclesAvailable < 0)
            {
                continue;
            }
            var bin = binning.IndexOfUnixMilliseconds(sample.SnapshotUnixMs);
            if (!snapshots.TryGetValue((sample.ProviderId, bin), out var times))
            {
                times = [];
                snapshots[(sample.ProviderId, bin)] = times;
            }
            times.Add(sample.SnapshotUnixMs);
            if (sample.Zone == AggregationZoning.NoZone || (scope is not null && !scope.InScope(sample.Zone)))
            {
                continue;
            }
            cells[(sample.ProviderId, bin, sample.Zone)] = cells.GetValueOrDefault((sample.ProviderId, bin, sample.Zone)) + sample.VehiclesAvailable;
        }
        var raw = cells
            .GroupBy(p => (Slice: slicing.SliceOf(p.Key.Provider), p.Key.Bin, p.Key.Zone))
            .Select(g => new RawZoneAvailability(g.Key.Slice, g.Key.Bin, g.Key.Zone,
                g.Sum(p => p.Value * (Privacy.ReleasePlan.AvailabilityWeightUnit / snapshots[(p.Key.Provider, p.Key.Bin)].Count))))
            .OrderBy(c => c.Slice).ThenBy(c => c.Bin).ThenBy(c => c.Zone)
            .ToList();
        return new AvailabilityAggregate(slicing.Labels, raw);
    }
}
