using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Turns the exact OD counts of one window into one differentially private release (see <see cref="ReleasePlan"/>):
/// <list type="bullet">
/// <item>pairs: every pair with at least one trip gets discrete Laplace noise and is listed only when the noisy
/// count reaches τ = max(k, τ_δ) (noise plus threshold: (ε/2, δ)-DP over a key set the data makes);</item>
/// <item>zone totals: trips starting and ending in each unit, over the fixed domain of every unit in scope (plus the
/// outside pseudo-zone) × every bin of the window, zeros included, each with its own noise (ε/4 each, no δ).</item>
/// </list>
/// A trip adds one to exactly one pair, one starting and one ending total, so each histogram has sensitivity 1 and
/// the release costs ε in all. Nothing is computed from the exact counts afterwards: the intra-zone figure is the
/// published diagonal pair. A total minus its published pairs therefore differences noisy values, never exact ones.
/// </summary>
public static class OdReleaseBuilder
{
    public static OdProduct Build(OdAggregate aggregate, ReleasePlan plan, INoiseSource noise, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var pairsPlan = plan[ReleasePlan.Names.OdPairs];
        var startingPlan = plan[ReleasePlan.Names.ZoneStarting];
        var endingPlan = plan[ReleasePlan.Names.ZoneEnding];
        var firstBin = aggregate.Binning.IndexOf(windowStart);
        var endBin = aggregate.Binning.IndexOf(windowEnd - TimeSpan.FromTicks(1)) + 1;
        var domain = aggregate.Scope.Domain();

        // Pairs are sorted by slice and bin: each (slice, bin) table is noised on its own, on all cores (the noise
        // source keeps one CSPRNG buffer per thread), and the tables are concatenated back in order.
        var slices = aggregate.SliceLabels.Count;
        var binCount = (int)(endBin - firstBin);
        var groupStart = new int[(slices * binCount) + 1];
        foreach (var pair in aggregate.Pairs)
        {
            groupStart[(pair.Slice * binCount) + (int)(pair.Bin - firstBin) + 1]++;
        }
        for (var g = 0; g < slices * binCount; g++)
        {
            groupStart[g + 1] += groupStart[g];
        }
        var cellsOf = new List<OdFlowCell>[slices * binCount];
        var totalsOf = new List<ZoneFlowTotal>[slices * binCount];
        Parallel.For(0, slices * binCount, g =>
        {
            var slice = g / binCount;
            var bin = firstBin + (g % binCount);
            var label = aggregate.SliceLabels[slice];
            var cells = new List<OdFlowCell>();
            var starting = new Dictionary<int, long>();
            var ending = new Dictionary<int, long>();
            for (var i = groupStart[g]; i < groupStart[g + 1]; i++)
            {
                var pair = aggregate.Pairs[i];
                if (pairsPlan.Publish(pairsPlan.Noisy(noise, pair.Trips)) is { } published)
                {
                    cells.Add(new OdFlowCell(label, pair.Bin, pair.Origin, pair.Destination, published));
                }
                starting[pair.Origin] = starting.GetValueOrDefault(pair.Origin) + pair.Trips;
                ending[pair.Destination] = ending.GetValueOrDefault(pair.Destination) + pair.Trips;
            }
            var diagonal = cells.Where(c => c.Origin == c.Destination).ToDictionary(c => c.Origin, c => c.Trips);
            var totals = new List<ZoneFlowTotal>();
            foreach (var zone in domain)
            {
                // Every unit of the domain is noised, empty or not: whether a unit shows a figure depends on noise, not on whether a trip was there.
                var start = startingPlan.Publish(startingPlan.Noisy(noise, starting.GetValueOrDefault(zone)));
                var end = endingPlan.Publish(endingPlan.Noisy(noise, ending.GetValueOrDefault(zone)));
                if (start is null && end is null)
                {
                    // Nothing to show: the unit is simply not listed (the domain is public, so absence says "under the threshold").
                    continue;
                }
                int? both = diagonal.TryGetValue(zone, out var d) ? d : null;
                totals.Add(new ZoneFlowTotal(label, bin, zone, start, start is null, end, end is null, both, both is null));
            }
            cellsOf[g] = cells;
            totalsOf[g] = totals;
        });
        return new OdProduct
        {
            Plan = plan,
            Zoning = aggregate.Zoning,
            Binning = aggregate.Binning,
            OutsideIndex = aggregate.Scope.OutsideIndex,
            Cells = [.. cellsOf.SelectMany(c => c)],
            ZoneTotals = [.. totalsOf.SelectMany(t => t)],
        };
    }
}
