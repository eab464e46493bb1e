namespace DataGouvTerr.Domain.Aggregation;

/// <summary>Per stop and bin: trips starting near the stop (last mile, leaving transit) and ending near it (first mile, reaching transit).</summary>
public sealed record StopFlowCount(string StopId, string? StopName, long Bin, int? TripsStarting, bool StartingSuppressed, int? TripsEnding, bool EndingSuppressed);

/// <summary>
/// First/last-mile product: trips whose start or end lies within the radius of each stop, per stop and time bin,
/// with every count under k suppressed. No total is published beside the per-stop counts (a trip near two stops
/// counts for both, so the counts do not add up to anything), hence no complementary suppression is needed.
/// </summary>
public static class FirstLastMileAggregator
{
    public static IReadOnlyList<StopFlowCount> Build(IEnumerable<TripObservation> trips, StopProximityIndex stops, TimeBinning binning,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, int minCount)
    {
        var k = Math.Max(minCount, Access.AccessPolicy.AbsoluteMinCount);
        var counts = new Dictionary<(int Stop, long Bin), (int Starting, int Ending)>();
        var near = new List<int>();
        foreach (var trip in trips)
        {
            if (trip.StartTime < windowStart || trip.StartTime >= windowEnd || trip.EndTime < trip.StartTime)
            {
                continue;
            }
            var bin = binning.IndexOf(trip.StartTime);
            near.Clear();
            stops.StopsNear(trip.StartLongitude, trip.StartLatitude, near);
            foreach (var stop in near)
            {
                var c = counts.GetValueOrDefault((stop, bin));
                counts[(stop, bin)] = (c.Starting + 1, c.Ending);
            }
            near.Clear();
            stops.StopsNear(trip.EndLongitude, trip.EndLatitude, near);
            foreach (var stop in near)
            {
                var c = counts.GetValueOrDefault((stop, bin));
                counts[(stop, bin)] = (c.Starting, c.Ending + 1);
            }
        }
        return counts
            .OrderBy(p => p.Key.Bin).ThenBy(p => stops.Stops[p.Key.Stop].StopId, StringComparer.Ordinal)
            .Select(p =>
            {
                var stop = stops.Stops[p.Key.Stop];
                var (starting, ending) = p.Value;
                // Every count under k is hidden, zero included: the contract says "under k", and a published zero
                // beside a hidden count narrows what the hidden one can be.
                var startHidden = starting < k;
                var endHidden = ending < k;
                return new StopFlowCount(stop.StopId, stop.StopName, p.Key.Bin,
                    startHidden ? null : starting, startHidden, endHidden ? null : ending, endHidden);
            })
            .ToList();
    }
}
