using DataGouvTerr.Domain.Access;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Turns an <see cref="OdAggregate"/> into what one member may see with its k: per slice and bin, the OD cells,
/// the per-zone starting/ending/both totals and the bin total, with primary and complementary suppression over
/// all of them together (a row total minus its published cells must never give a suppressed cell), and medians
/// only where the pair's count is published.
/// </summary>
public static class OdProductBuilder
{
    public static OdProduct Build(OdAggregate aggregate, int minCount)
    {
        var k = Math.Max(minCount, AccessPolicy.AbsoluteMinCount);
        var pairs = aggregate.Pairs;
        var bounds = new List<int> { 0 };
        for (var i = 1; i < pairs.Count; i++)
        {
            if (pairs[i].Slice != pairs[i - 1].Slice || pairs[i].Bin != pairs[i - 1].Bin)
            {
                bounds.Add(i);
            }
        }
        if (pairs.Count > 0)
        {
            bounds.Add(pairs.Count);
        }
        // Each slice × bin table is suppressed on its own (no published figure spans two), so tables run in parallel.
        var groups = Math.Max(0, bounds.Count - 1);
        var cells = new List<OdFlowCell>[groups];
        var zoneTotals = new List<ZoneFlowTotal>[groups];
        var binTotals = new BinFlowTotal[groups];
        Parallel.For(0, groups, g =>
        {
            cells[g] = new List<OdFlowCell>(bounds[g + 1] - bounds[g]);
            zoneTotals[g] = [];
            binTotals[g] = BuildGroup(aggregate, pairs, bounds[g], bounds[g + 1], k, cells[g], zoneTotals[g]);
        });
        return new OdProduct
        {
            MinCount = k,
            Zoning = aggregate.Zoning,
            Binning = aggregate.Binning,
            OutsideIndex = aggregate.Scope.OutsideIndex,
            Cells = [.. cells.SelectMany(c => c)],
            ZoneTotals = [.. zoneTotals.SelectMany(z => z)],
            BinTotals = binTotals,
        };
    }

    /// <summary>One slice × bin table: items are [cells…, starting totals…, ending totals…, bin total].</summary>
    private static BinFlowTotal BuildGroup(OdAggregate aggregate, IReadOnlyList<OdPairCount> pairs, int from, int to, int k,
        List<OdFlowCell> cells, List<ZoneFlowTotal> zoneTotals)
    {
        var n = to - from;
        var startingItem = new Dictionary<int, int>();
        var endingItem = new Dictionary<int, int>();
        var values = new List<long>(n * 2);
        var equations = new List<int[]>();
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            values.Add(pairs[from + i].Trips);
            total += pairs[from + i].Trips;
        }
        // Pairs are sorted by origin within a group, so rows are contiguous runs.
        for (var i = 0; i < n;)
        {
            var origin = pairs[from + i].Origin;
            var j = i;
            long sum = 0;
            while (j < n && pairs[from + j].Origin == origin)
            {
                sum += pairs[from + j].Trips;
                j++;
            }
            startingItem[origin] = values.Count;
            var equation = new int[j - i + 1];
            equation[0] = values.Count;
            for (var m = i; m < j; m++)
            {
                equation[m - i + 1] = m;
            }
            values.Add(sum);
            equations.Add(equation);
            i = j;
        }
        // Columns: the same cells ordered by destination.
        var byDestination = new int[n];
        var destinations = new int[n];
        for (var i = 0; i < n; i++)
        {
            byDestination[i] = i;
            destinations[i] = pairs[from + i].Destination;
        }
        Array.Sort(destinations, byDestination);
        for (var i = 0; i < n;)
        {
            var destination = destinations[i];
            var j = i;
            long sum = 0;
            while (j < n && destinations[j] == destination)
            {
                sum += pairs[from + byDestination[j]].Trips;
                j++;
            }
            endingItem[destination] = values.Count;
            var equation = new int[j - i + 1];
            equation[0] = values.Count;
            for (var m = i; m < j; m++)
            {
                equation[m - i + 1] = byDestination[m];
            }
            values.Add(sum);
            equations.Add(equation);
            i = j;
        }
        var totalItem = values.Count;
        values.Add(total);
        equations.Add([totalItem, .. startingItem.Values]);
        equations.Add([totalItem, .. endingItem.Values]);

        var valueArray = values.ToArray();
        var suppressed = new bool[valueArray.Length];
        ComplementarySuppression.Apply(valueArray, suppressed, k, equations);

        var first = pairs[from];
        var label = aggregate.SliceLabels[first.Slice];
        var diagonal = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var pair = pairs[from + i];
            var hidden = suppressed[i];
            cells.Add(new OdFlowCell(label, pair.Bin, pair.Origin, pair.Destination,
                hidden ? null : pair.Trips, hidden,
                hidden ? null : pair.MedianDurationSeconds,
                hidden ? null : pair.MedianDistanceMeters));
            if (pair.Origin == pair.Destination)
            {
                diagonal[pair.Origin] = i;
            }
        }
        foreach (var zone in startingItem.Keys.Union(endingItem.Keys).Order())
        {
            var (starting, startingHidden) = Read(startingItem, zone, valueArray, suppressed);
            var (ending, endingHidden) = Read(endingItem, zone, valueArray, suppressed);
            var (both, bothHidden) = Read(diagonal, zone, valueArray, suppressed);
            zoneTotals.Add(new ZoneFlowTotal(label, first.Bin, zone, starting, startingHidden, ending, endingHidden, both, bothHidden));
        }
        return new BinFlowTotal(label, first.Bin, suppressed[totalItem] ? null : (int)total, suppressed[totalItem]);
    }

    /// <summary>A missing item is a true zero (no trip), published as 0; a suppressed one as null.</summary>
    private static (int? Value, bool Suppressed) Read(Dictionary<int, int> items, int zone, long[] values, bool[] suppressed) =>
        items.TryGetValue(zone, out var item)
            ? (suppressed[item] ? (null, true) : ((int)values[item], false))
            : (0, false);
}
