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
        var cells = new List<OdFlowCell>(aggregate.Pairs.Count);
        var zoneTotals = new List<ZoneFlowTotal>();
        var binTotals = new List<BinFlowTotal>();
        var pairs = aggregate.Pairs;
        var start = 0;
        while (start < pairs.Count)
        {
            var end = start;
            while (end < pairs.Count && pairs[end].Slice == pairs[start].Slice && pairs[end].Bin == pairs[start].Bin)
            {
                end++;
            }
            BuildGroup(aggregate, pairs, start, end, k, cells, zoneTotals, binTotals);
            start = end;
        }
        return new OdProduct
        {
            MinCount = k,
            Zoning = aggregate.Zoning,
            Binning = aggregate.Binning,
            OutsideIndex = aggregate.Scope.OutsideIndex,
            Cells = cells,
            ZoneTotals = zoneTotals,
            BinTotals = binTotals,
        };
    }

    /// <summary>One slice × bin table: items are [cells…, starting totals…, ending totals…, bin total].</summary>
    private static void BuildGroup(OdAggregate aggregate, IReadOnlyList<OdPairCount> pairs, int from, int to, int k,
        List<OdFlowCell> cells, List<ZoneFlowTotal> zoneTotals, List<BinFlowTotal> binTotals)
    {
        var n = to - from;
        var startingItem = new Dictionary<int, int>();
        var endingItem = new Dictionary<int, int>();
        var values = new List<long>(n * 2);
        var rows = new Dictionary<int, List<int>>();
        var columns = new Dictionary<int, List<int>>();
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            var pair = pairs[from + i];
            values.Add(pair.Trips);
            total += pair.Trips;
            Member(rows, pair.Origin).Add(i);
            Member(columns, pair.Destination).Add(i);
        }
        var equations = new List<int[]>(rows.Count + columns.Count + 2);
        foreach (var (zone, members) in rows)
        {
            startingItem[zone] = values.Count;
            values.Add(members.Sum(m => (long)pairs[from + m].Trips));
            equations.Add([startingItem[zone], .. members]);
        }
        foreach (var (zone, members) in columns)
        {
            endingItem[zone] = values.Count;
            values.Add(members.Sum(m => (long)pairs[from + m].Trips));
            equations.Add([endingItem[zone], .. members]);
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
        binTotals.Add(new BinFlowTotal(label, first.Bin, suppressed[totalItem] ? null : (int)total, suppressed[totalItem]));
    }

    /// <summary>A missing item is a true zero (no trip), published as 0; a suppressed one as null.</summary>
    private static (int? Value, bool Suppressed) Read(Dictionary<int, int> items, int zone, long[] values, bool[] suppressed) =>
        items.TryGetValue(zone, out var item)
            ? (suppressed[item] ? (null, true) : ((int)values[item], false))
            : (0, false);

    private static List<int> Member(Dictionary<int, List<int>> lines, int zone)
    {
        if (!lines.TryGetValue(zone, out var list))
        {
            list = [];
            lines[zone] = list;
        }
        return list;
    }
}
