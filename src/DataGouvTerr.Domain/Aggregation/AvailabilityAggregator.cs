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

/// <summary>Mean vehicles available in one unit and bin, and the distinct vehicles seen; both null (suppressed) when fewer than k vehicles were seen.</summary>
public sealed record ZoneAvailability(string Operators, long Bin, int Zone, double? MeanVehiclesAvailable, int? VehiclesObserved, bool Suppressed);

/// <summary>One unit and bin before suppression: never published as is.</summary>
public readonly record struct RawZoneAvailability(int Slice, long Bin, int Zone, double MeanVehiclesAvailable, int VehiclesObserved);

/// <summary>Raw availability of one window, sorted by slice, bin and zone, with the slicing's labels.</summary>
public sealed record AvailabilityAggregate(IReadOnlyList<string> SliceLabels, IReadOnlyList<RawZoneAvailability> Cells);

/// <summary>
/// Availability per zoning unit and bin. The measure: for each provider, the vehicles available in the unit summed
/// over the provider's snapshots in the bin (MDS: the fleet's state sampled every 5 minutes; GBFS: each stored poll)
/// and divided by that provider's snapshot count in the bin — the mean number of vehicles available, whatever the
/// polling rate — then summed over the providers of a slice. The privacy count is the distinct vehicles observed in
/// the unit and bin (MDS device ids; GBFS ids rotate by spec, so the largest count of one snapshot, a lower bound);
/// a unit-bin where it is under k is suppressed: mean and count null, marked suppressed, never shown as zero.
/// </summary>
public static class AvailabilityAggregator
{
    public static IReadOnlyList<ZoneAvailability> Build(IEnumerable<AvailabilitySample> samples, AggregationZoning zoning, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, int minCount, ScopeClip? scope = null, OperatorSlicing? slicing = null) =>
        Publish(Aggregate(Place(samples, zoning), binning, windowStart, windowEnd, scope, slicing ?? OperatorSlicing.Summed), minCount);

    /// <summary>Places samples in the zoning's units (heartbeats and points outside every unit get <see cref="AggregationZoning.NoZone"/>).</summary>
    public static IEnumerable<ZonedAvailabilitySample> Place(IEnumerable<AvailabilitySample> samples, AggregationZoning zoning) =>
        samples.Select(s => new ZonedAvailabilitySample(s.ProviderId, s.SnapshotTime.ToUnixTimeMilliseconds(),
            double.IsNaN(s.Longitude) || double.IsNaN(s.Latitude) ? AggregationZoning.NoZone : zoning.Assign(s.Longitude, s.Latitude),
            s.VehiclesAvailable, s.VehicleId));

    /// <summary>Raw means and distinct-vehicle counts per slice, bin and unit; units outside the scope are dropped.</summary>
    public static AvailabilityAggregate Aggregate(IEnumerable<ZonedAvailabilitySample> samples, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, ScopeClip? scope, OperatorSlicing slicing)
    {
        var from = windowStart.ToUnixTimeMilliseconds();
        var to = windowEnd.ToUnixTimeMilliseconds();
        var snapshots = new Dictionary<(Guid Provider, long Bin), HashSet<long>>();
        var cells = new Dictionary<(Guid Provider, long Bin, int Zone), Accumulator>();
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
            if (!cells.TryGetValue((sample.ProviderId, bin, sample.Zone), out var cell))
            {
                cell = new Accumulator();
                cells[(sample.ProviderId, bin, sample.Zone)] = cell;
            }
            cell.Add(sample);
        }
        var raw = cells
            .GroupBy(p => (Slice: slicing.SliceOf(p.Key.Provider), p.Key.Bin, p.Key.Zone))
            .Select(g => new RawZoneAvailability(g.Key.Slice, g.Key.Bin, g.Key.Zone,
                g.Sum(p => (double)p.Value.VehicleSamples / snapshots[(p.Key.Provider, p.Key.Bin)].Count),
                g.Sum(p => p.Value.DistinctVehicles)))
            .OrderBy(c => c.Slice).ThenBy(c => c.Bin).ThenBy(c => c.Zone)
            .ToList();
        return new AvailabilityAggregate(slicing.Labels, raw);
    }

    /// <summary>
    /// Applies k: a cell with fewer than k distinct vehicles is suppressed, and so is every cell named in
    /// <paramref name="alsoHidden"/> (slice label, bin, zone) — how a roll-up hides a coarse cell that would reveal a
    /// suppressed finer one by subtraction.
    /// </summary>
    public static IReadOnlyList<ZoneAvailability> Publish(AvailabilityAggregate aggregate, int minCount, IReadOnlySet<(string Operators, long Bin, int Zone)>? alsoHidden = null)
    {
        var k = Math.Max(minCount, Access.AccessPolicy.AbsoluteMinCount);
        return aggregate.Cells.Select(c =>
        {
            var label = aggregate.SliceLabels[c.Slice];
            return c.VehiclesObserved < k || (alsoHidden?.Contains((label, c.Bin, c.Zone)) ?? false)
                ? new ZoneAvailability(label, c.Bin, c.Zone, null, null, true)
                : new ZoneAvailability(label, c.Bin, c.Zone, Math.Round(c.MeanVehiclesAvailable, 1), c.VehiclesObserved, false);
        }).ToList();
    }

    /// <summary>Vehicle samples of one provider in one unit and bin, with what is needed to count distinct vehicles.</summary>
    private sealed class Accumulator
    {
        private HashSet<Guid>? _vehicles;
        private Dictionary<long, int>? _anonymousBySnapshot;

        public long VehicleSamples { get; private set; }

        /// <summary>Identified vehicles, plus the largest anonymous (GBFS) count of one snapshot.</summary>
        public int DistinctVehicles => (_vehicles?.Count ?? 0) + (_anonymousBySnapshot is null ? 0 : _anonymousBySnapshot.Values.Max());

        public void Add(ZonedAvailabilitySample sample)
        {
            VehicleSamples += sample.VehiclesAvailable;
            if (sample.VehicleId is { } id)
            {
                (_vehicles ??= []).Add(id);
            }
            else
            {
                _anonymousBySnapshot ??= [];
                _anonymousBySnapshot[sample.SnapshotUnixMs] = _anonymousBySnapshot.GetValueOrDefault(sample.SnapshotUnixMs) + sample.VehiclesAvailable;
            }
        }
    }
}
