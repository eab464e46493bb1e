using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Calendar;

/// <summary>One run of a frequency-based trip: the template trip shifted so it starts at <see cref="StartTime"/>.</summary>
public readonly record struct TripRun(string TripId, GtfsTime StartTime, int OffsetSeconds, bool ExactTimes);

/// <summary>
/// Understands frequencies.txt: expands each frequency-based trip into its runs (start_time, start+headway, ... while
/// before end_time, as the GTFS reference says for both exact_times values). gtfs_kit 12 does not expand frequencies in
/// its statistics (they use stop_times as written), so GtfsStats does not either; this is for callers
/// that need the actual number of departures (e.g. stop-level maps).
/// </summary>
public static class FrequencyExpander
{
    /// <summary>The runs of every trip that appears in frequencies.txt, in file order; OffsetSeconds is added to the template's stop times.</summary>
    public static IReadOnlyList<TripRun> ExpandRuns(GtfsFeed feed)
    {
        var firstDeparture = FirstDepartureByTrip(feed);
        var runs = new List<TripRun>();
        foreach (var f in feed.Frequencies)
        {
            if (f.StartTime.IsMissing || f.EndTime.IsMissing || f.HeadwaySecs is not > 0 || !firstDeparture.TryGetValue(f.TripId, out var template))
            {
                continue; // the validator reports these rows; a run cannot be computed from them
            }

            for (var t = f.StartTime.TotalSeconds; t < f.EndTime.TotalSeconds; t += f.HeadwaySecs.Value)
            {
                runs.Add(new TripRun(f.TripId, new GtfsTime(t), t - template.TotalSeconds, f.ExactTimes == 1));
            }
        }

        return runs;
    }

    private static Dictionary<string, GtfsTime> FirstDepartureByTrip(GtfsFeed feed)
    {
        var st = feed.StopTimes;
        var result = new Dictionary<string, GtfsTime>(StringComparer.Ordinal);
        var order = st.TripOrder;
        var starts = st.TripStarts;
        for (var t = 0; t < st.TripIds.Count; t++)
        {
            for (var k = starts[t]; k < starts[t + 1]; k++)
            {
                var row = order[k];
                var time = st.DepartureTime[row].HasValue ? st.DepartureTime[row] : st.ArrivalTime[row];
                if (time.HasValue)
                {
                    result[st.TripIds[t]] = time;
                    break;
                }
            }
        }

        return result;
    }
}
