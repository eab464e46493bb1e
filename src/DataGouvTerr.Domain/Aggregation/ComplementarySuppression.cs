namespace DataGouvTerr.Domain.Aggregation;

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
public static class ComplementarySuppression
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
