namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>Max, min and mean of the gaps (minutes) between sorted times inside the headway window, NaN when fewer than two.</summary>
internal static class HeadwayStats
{
    /// <summary>Appends the gaps between the given times that fall in [start, end] (inclusive, like gtfs_kit) to <paramref name="gaps"/>.</summary>
    public static void AddGaps(List<int> times, int start, int end, List<int> gaps)
    {
        times.RemoveAll(t => t == int.MinValue || t < start || t > end);
        times.Sort();
        for (var i = 1; i < times.Count; i++)
        {
            gaps.Add(times[i] - times[i - 1]);
        }
    }

    public static (double Max, double Min, double Mean) Summarise(List<int> gaps)
    {
        if (gaps.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        long sum = 0;
        foreach (var g in gaps)
        {
            sum += g;
        }

        // numpy computes mean then divides by 60; same order here to match its rounding.
        return (gaps.Max() / 60.0, gaps.Min() / 60.0, ((double)sum / gaps.Count) / 60.0);
    }
}
