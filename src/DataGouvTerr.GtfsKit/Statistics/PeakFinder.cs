namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>
/// The peak of simultaneous trips (gtfs_kit's get_active_trips_df + get_peak_indices): count trips in service over the
/// sorted start/end instants, take the runs at the maximum, keep the first longest run.
/// </summary>
internal static class PeakFinder
{
    public static (int PeakNumTrips, int PeakStart, int PeakEnd) Find(IEnumerable<(int Start, int End)> trips)
    {
        var delta = new SortedDictionary<int, int>();
        foreach (var (start, end) in trips)
        {
            // A trip without a start or an end (int.MinValue) has no instant: pandas drops NaN index labels when grouping.
            if (start != int.MinValue)
            {
                delta[start] = delta.GetValueOrDefault(start) + 1;
            }

            if (end != int.MinValue)
            {
                delta[end] = delta.GetValueOrDefault(end) - 1;
            }
        }

        if (delta.Count == 0)
        {
            return (0, int.MinValue, int.MinValue);
        }

        var times = delta.Keys.ToArray();
        var counts = new int[times.Length];
        var running = 0;
        var i = 0;
        foreach (var d in delta.Values)
        {
            running += d;
            counts[i++] = running;
        }

        var max = counts.Max();
        int bestStart = -1, bestEnd = -1, bestDuration = int.MinValue;
        for (var k = 0; k < counts.Length;)
        {
            if (counts[k] != max)
            {
                k++;
                continue;
            }

            var runStart = k;
            while (k < counts.Length && counts[k] == max)
            {
                k++;
            }

            // The run's end index is one past its last element; gtfs_kit reads times[end]. It only falls off the
            // array when every count is the maximum (all trips of zero duration), where we clamp instead of failing.
            var runEnd = Math.Min(k, times.Length - 1);
            var duration = times[runEnd] - times[runStart];
            if (duration > bestDuration)
            {
                bestDuration = duration;
                bestStart = runStart;
                bestEnd = runEnd;
            }
        }

        return (counts[bestStart], times[bestStart], times[bestEnd]);
    }
}
