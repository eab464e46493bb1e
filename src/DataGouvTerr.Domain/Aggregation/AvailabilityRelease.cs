using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// The noisy availability of one window: every (slice, bin, unit) of the fixed domain — every unit in scope × every
/// bin of the window, empty or not — holds its exact weight plus discrete Laplace noise of scale L/ε (the whole ε:
/// one vehicle within a bin moves the weights of that bin by at most L in all). Every published level, the right's
/// own and each coarser roll-up, is computed from these noisy weights only (post-processing): no level is a fresh
/// look at the raw samples, so a coarse cell minus its fine cells, or one member's 15 min minus another's 1 h,
/// differences noise.
/// </summary>
public sealed class AvailabilityRelease
{
    private readonly Dictionary<(int Slice, long Bin, int Zone), long> _noisy;

    private AvailabilityRelease(IReadOnlyList<string> sliceLabels, TimeBinning binning, long firstBin, long endBin,
        Dictionary<(int, long, int), long> noisy, MeasurementPlan plan)
    {
        SliceLabels = sliceLabels;
        Binning = binning;
        FirstBin = firstBin;
        EndBin = endBin;
        _noisy = noisy;
        Plan = plan;
    }

    public IReadOnlyList<string> SliceLabels { get; }

    public TimeBinning Binning { get; }

    public long FirstBin { get; }

    public long EndBin { get; }

    public MeasurementPlan Plan { get; }

    /// <summary>Noises the exact aggregate over the domain <paramref name="units"/> × the window's bins × the slices.</summary>
    public static AvailabilityRelease Noise(AvailabilityAggregate aggregate, IReadOnlyList<int> units, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, ReleasePlan plan, INoiseSource noise)
    {
        var measurement = plan[ReleasePlan.Names.AvailabilityWeight];
        var exact = aggregate.Cells.ToDictionary(c => (c.Slice, c.Bin, c.Zone), c => c.Weight);
        var firstBin = binning.IndexOf(windowStart);
        var endBin = binning.IndexOf(windowEnd - TimeSpan.FromTicks(1)) + 1;
        var noisy = new Dictionary<(int, long, int), long>(aggregate.SliceLabels.Count * (int)(endBin - firstBin) * units.Count);
        for (var slice = 0; slice < aggregate.SliceLabels.Count; slice++)
        {
            for (var bin = firstBin; bin < endBin; bin++)
            {
                foreach (var unit in units)
                {
                    noisy[(slice, bin, unit)] = measurement.Noisy(noise, exact.GetValueOrDefault((slice, bin, unit)));
                }
            }
        }
        return new AvailabilityRelease(aggregate.SliceLabels, binning, firstBin, endBin, noisy, measurement);
    }

    /// <summary>The right's own level: each noisy mean shown (to 0.1) when it reaches the threshold.</summary>
    public List<ZoneAvailability> Fine()
    {
        var threshold = (long)Plan.Threshold * ReleasePlan.AvailabilityWeightUnit;
        return [.. _noisy
            .Where(p => p.Value >= threshold)
            .OrderBy(p => p.Key.Slice).ThenBy(p => p.Key.Bin).ThenBy(p => p.Key.Zone)
            .Select(p => new ZoneAvailability(SliceLabels[p.Key.Slice], p.Key.Bin, p.Key.Zone,
                Math.Round((double)p.Value / ReleasePlan.AvailabilityWeightUnit, 1)))];
    }

    /// <summary>
    /// A coarser level: the mean over the coarse bin of the sum over the fine units a coarse unit holds, from the noisy
    /// fine weights. Its threshold is the level's k, or more: the fine level's false-discovery threshold scaled by the
    /// standard deviation of the roll-up's noise relative to a fine cell's (√(units summed / bins averaged)), so an
    /// empty area stays about as rarely shown as at the fine level.
    /// </summary>
    public List<ZoneAvailability> RollUp(Func<int, int> coarseUnitOf, TimeBinning coarseBinning, int minCount)
    {
        var sums = new Dictionary<(int Slice, long Bin, int Zone), long>();
        var finePerCoarseBin = new Dictionary<long, int>();
        var finePerCoarseUnit = new Dictionary<int, HashSet<int>>();
        foreach (var ((slice, bin, zone), value) in _noisy)
        {
            var coarseBin = coarseBinning.IndexOf(Binning.StartOf(bin));
            var coarseZone = coarseUnitOf(zone);
            if (coarseZone == AggregationZoning.NoZone)
            {
                continue;
            }
            sums[(slice, coarseBin, coarseZone)] = sums.GetValueOrDefault((slice, coarseBin, coarseZone)) + value;
            if (!finePerCoarseUnit.TryGetValue(coarseZone, out var members))
            {
                members = [];
                finePerCoarseUnit[coarseZone] = members;
            }
            members.Add(zone);
        }
        for (var bin = FirstBin; bin < EndBin; bin++)
        {
            var coarseBin = coarseBinning.IndexOf(Binning.StartOf(bin));
            finePerCoarseBin[coarseBin] = finePerCoarseBin.GetValueOrDefault(coarseBin) + 1;
        }
        var fineFalseDiscovery = ReleaseThreshold.ForFalseDiscovery(Plan.Scale, ReleasePlan.AvailabilityWeightUnit);
        var result = new List<ZoneAvailability>();
        foreach (var ((slice, bin, zone), sum) in sums.OrderBy(p => p.Key.Slice).ThenBy(p => p.Key.Bin).ThenBy(p => p.Key.Zone))
        {
            var bins = finePerCoarseBin[bin];
            var units = finePerCoarseUnit[zone].Count;
            var threshold = Math.Max(Math.Max(minCount, Access.AccessPolicy.AbsoluteMinCount), (int)Math.Ceiling(fineFalseDiscovery * Math.Sqrt((double)units / bins)));
            var mean = (double)sum / ReleasePlan.AvailabilityWeightUnit / bins;
            if (mean >= threshold)
            {
                result.Add(new ZoneAvailability(SliceLabels[slice], bin, zone, Math.Round(mean, 1)));
            }
        }
        return result;
    }
}
