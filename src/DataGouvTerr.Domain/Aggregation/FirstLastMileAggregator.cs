using DataGouvTerr.Domain.Privacy;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>Per stop and bin: noisy trips starting near the stop (last mile, leaving transit) and ending near it (first mile, reaching transit).</summary>
public sealed record StopFlowCount(string StopId, string? StopName, long Bin, int? TripsStarting, bool StartingSuppressed, int? TripsEnding, bool EndingSuppressed);

/// <summary>
/// First/last-mile release: a trip counts at the nearest stop within the radius of its start (starting) and of its
/// end (ending) — one stop each, so one trip adds at most one to each histogram (sensitivity 1; counting it at every
/// stop in reach would multiply its weight by the number of stops). Both histograms are noised over the fixed domain
/// of every stop in scope × every bin of the window (ε/2 each) and a count is shown only from its threshold.
/// </summary>
public static class FirstLastMileAggregator
{
    public static IReadOnlyList<StopFlowCount> Build(IEnumerable<TripObservation> trips, StopProximityIndex stops, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, ReleasePlan plan, INoiseSource noise)
    {
        var counts = Count(trips, stops, binning, windowStart, windowEnd);
        var startingPlan = plan[ReleasePlan.Names.StopStarting];
        var endingPlan = plan[ReleasePlan.Names.StopEnding];
        var firstBin = binning.IndexOf(windowStart);
        var endBin = binning.IndexOf(windowEnd - TimeSpan.FromTicks(1)) + 1;
        var order = Enumerable.Range(0, stops.Stops.Count).OrderBy(i => stops.Stops[i].StopId, StringComparer.Ordinal).ToArray();
        var result = new List<StopFlowCount>();
        for (var bin = firstBin; bin < endBin; bin++)
        {
            foreach (var stop in order)
            {
                var (starting, ending) = counts.GetValueOrDefault((stop, bin));
                var start = startingPlan.Publish(startingPlan.Noisy(noise, starting));
                var end = endingPlan.Publish(endingPlan.Noisy(noise, ending));
                if (start is null && end is null)
                {
                    continue;
                }
                var s = stops.Stops[stop];
                result.Add(new StopFlowCount(s.StopId, s.StopName, bin, start, start is null, end, end is null));
            }
        }
        return result;
    }

    /// <summary>Exact counts per (stop, bin): never published as they are.</summary>
    public static Dictionary<(int Stop, long Bin), (int Starting, int Ending)> Count(IEnumerable<TripObservation> trips, StopProximityIndex stops,
        TimeBinning binning, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var counts = new Dictionary<(int Stop, long Bin), (int Starting, int Ending)>();
        foreach (var trip in trips)
        {
            if (trip.StartTime < windowStart || trip.StartTime >= windowEnd || trip.EndTime < trip.StartTime)
            {
                continue;
            }
            var bin = binning.IndexOf(trip.StartTime);
            var from = stops.NearestStop(trip.StartLongitude, trip.StartLatitude);
            if (from >= 0)
            {
                var c = counts.GetValueOrDefault((from, bin));
                counts[(from, bin)] = (c.Starting + 1, c.Ending);
            }
            var to = stops.NearestStop(trip.EndLongitude, trip.EndLatitude);
            if (to >= 0)
            {
                var c = counts.GetValueOrDefault((to, bin));
                counts[(to, bin)] = (c.Starting, c.Ending + 1);
            }
        }
        return counts;
    }
}
