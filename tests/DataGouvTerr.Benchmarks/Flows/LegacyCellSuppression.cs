namespace DataGouvTerr.Benchmarks.Flows;

/// <summary>
/// k-anonymity suppression over a table whose totals are published too. Primary: every count in 1..k−1 is
/// suppressed. Complementary: the counts are tied by additive equations (a row total is the sum of its cells…);
/// whenever an equation holds exactly one suppressed item, that item could be recomputed from the others, so one
/// more published item of the equation is suppressed, until no equation has exactly one. The extra item is the
/// one that opens the fewest new single-suppression equations, then the smallest (least information lost).
/// This is the classic single-equation guarantee (as in τ-ARGUS's hypercube heuristic): no suppressed count equals
/// a difference of published ones within one equation. Combining several equations can still narrow a suppressed
/// count to an interval; it cannot be shown as zero.
/// </summary>
/// <remarks>
/// Kept only as the privacy-utility benchmark's baseline: the suppression the hub published before differential
/// privacy replaced it (removed from the hub because linked tables defeat it), so the benchmark can compare the
/// share of trips each protection leaves visible at the same k.
/// </remarks>
internal static class LegacyCellSuppression
{
    /// <summary>Suppresses in place. Each equation lists item indices whose sum relation is public (total and members alike).</summary>
    public static void Apply(ReadOnlySpan<long> values, Span<bool> suppressed, int minCount, IReadOnlyList<int[]> equations)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > 0 && values[i] < minCount)
            {
                suppressed[i] = true;
            }
        }
        // Equations of each item, in compressed rows (items sit in two equations each in an OD table).
        var start = new int[values.Length + 1];
        foreach (var equation in equations)
        {
            foreach (var item in equation)
            {
                start[item + 1]++;
            }
        }
        for (var i = 0; i < values.Length; i++)
        {
            start[i + 1] += start[i];
        }
        var equationsOf = new int[start[values.Length]];
        var fill = (int[])start.Clone();
        var suppressedIn = new int[equations.Count];
        for (var e = 0; e < equations.Count; e++)
        {
            foreach (var item in equations[e])
            {
                equationsOf[fill[item]++] = e;
                if (suppressed[item])
                {
                    suppressedIn[e]++;
                }
            }
        }
        // Worklist: only equations whose suppressed count just changed can need another suppression.
        var pending = new Queue<int>();
        for (var e = 0; e < equations.Count; e++)
        {
            if (suppressedIn[e] == 1)
            {
                pending.Enqueue(e);
            }
        }
        while (pending.TryDequeue(out var e))
        {
            if (suppressedIn[e] != 1)
            {
                continue;
            }
            var best = -1;
            var bestCascade = int.MaxValue;
            foreach (var item in equations[e])
            {
                if (suppressed[item])
                {
                    continue;
                }
                var cascade = 0;
                for (var o = start[item]; o < start[item + 1]; o++)
                {
                    var other = equationsOf[o];
                    if (other != e && suppressedIn[other] == 0)
                    {
                        cascade++;
                    }
                }
                if (best < 0 || cascade < bestCascade
                    || (cascade == bestCascade && (values[item] < values[best] || (values[item] == values[best] && item < best))))
                {
                    best = item;
                    bestCascade = cascade;
                }
            }
            if (best < 0)
            {
                continue;
            }
            suppressed[best] = true;
            for (var o = start[best]; o < start[best + 1]; o++)
            {
                if (++suppressedIn[equationsOf[o]] == 1)
                {
                    pending.Enqueue(equationsOf[o]);
                }
            }
        }
    }
}

/// <summary>The old OD product's tables (pairs, starting and ending totals, bin total) suppressed per bin as the hub did.</summary>
internal static class LegacyOdSuppression
{
    /// <summary>Trips in published pairs and in published zone starting totals, under k-suppression with complementary suppression.</summary>
    public static (long Pairs, long ZoneStarts) PublishedTrips(IReadOnlyList<DataGouvTerr.Domain.Aggregation.OdPairCount> pairs, int k)
    {
        long pairTrips = 0, startTrips = 0;
        foreach (var group in pairs.GroupBy(p => (p.Slice, p.Bin)))
        {
            var cells = group.ToList();
            var values = cells.Select(c => (long)c.Trips).ToList();
            var equations = new List<int[]>();
            var starting = new Dictionary<int, int>();
            var ending = new Dictionary<int, int>();
            foreach (var (zone, members) in new[] { (true, cells.Select((c, i) => (c.Origin, i))), (false, cells.Select((c, i) => (c.Destination, i))) }
                .SelectMany(side => side.Item2.GroupBy(x => x.Item1).Select(g => (side.Item1, g))))
            {
                var item = values.Count;
                values.Add(members.Sum(m => (long)cells[m.i].Trips));
                (zone ? starting : ending)[members.Key] = item;
                equations.Add([item, .. members.Select(m => m.i)]);
            }
            var total = values.Count;
            values.Add(cells.Sum(c => (long)c.Trips));
            equations.Add([total, .. starting.Values]);
            equations.Add([total, .. ending.Values]);
            var suppressed = new bool[values.Count];
            LegacyCellSuppression.Apply(values.ToArray(), suppressed, k, equations);
            pairTrips += cells.Where((c, i) => !suppressed[i]).Sum(c => (long)c.Trips);
            startTrips += starting.Values.Where(i => !suppressed[i]).Sum(i => values[i]);
        }
        return (pairTrips, startTrips);
    }
}
