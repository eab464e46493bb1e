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

        var cells = new List<OdFlowCell>();
        var starting = new Dictionary<(int Slice, long Bin, int Zone), long>();
        var ending = new Dictionary<(int Slice, long Bin, int Zone), long>();
        foreach (var pair in aggregate.Pairs)
        {
            if (pairsPlan.Publish(pairsPlan.Noisy(noise, pair.Trips)) is { } published)
            {
                cells.Add(new OdFlowCell(aggregate.SliceLabels[pair.Slice], pair.Bin, pair.Origin, pair.Destination, published));
            }
            var from = (pair.Slice, pair.Bin, pair.Origin);
            var to = (pair.Slice, pair.Bin, pair.Destination);
            starting[from] = starting.GetValueOrDefault(from) + pair.Trips;
            ending[to] = ending.GetValueOrDefault(to) + pair.Trips;
        }
        var diagonal = cells.Where(c => c.Origin == c.Destination).ToDictionary(c => (c.Operators, c.Bin, c.Origin), c => c.Trips);

        var totals = new List<ZoneFlowTotal>();
        for (var slice = 0; slice < aggregate.SliceLabels.Count; slice++)
        {
            var label = aggregate.SliceLabels[slice];
            for (var bin = firstBin; bin < endBin; bin++)
            {
                foreach (var zone in domain)
                {
                    // Every unit of the domain is noised, empty or not: whether a unit shows a figure depends on noise, not on whether a trip was there.
                    var start = startingPlan.Publish(startingPlan.Noisy(noise, starting.GetValueOrDefault((slice, bin, zone))));
                    var end = endingPlan.Publish(endingPlan.Noisy(noise, ending.GetValueOrDefault((slice, bin, zone))));
                    if (start is null && end is null)
                    {
                        // Nothing to show: the unit is simply not listed (the domain is public, so absence says "under the threshold").
                        continue;
                    }
                    int? both = diagonal.TryGetValue((label, bin, zone), out var d) ? d : null;
                    totals.Add(new ZoneFlowTotal(label, bin, zone, start, start is null, end, end is null, both, both is null));
                }
            }
        }
        return new OdProduct
        {
            Plan = plan,
            Zoning = aggregate.Zoning,
            Binning = aggregate.Binning,
            OutsideIndex = aggregate.Scope.OutsideIndex,
            Cells = cells,
            ZoneTotals = totals,
        };
    }
}
