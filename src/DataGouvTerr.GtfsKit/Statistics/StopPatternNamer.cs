using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>
/// gtfs_kit's name_stop_patterns: within each (route_id, direction_id), distinct stop sequences are ranked by how many
/// trips follow them (1 = most frequent; ties keep first appearance in trip_id order) and each trip is named
/// "&lt;direction_id&gt;-&lt;rank&gt;", as pandas prints them: "0-1" when direction_id is absent or complete; when some trips
/// lack it, gtfs_kit's groupby leaves those trips out of the ranking (rank NaN, "nan-nan") and the rank column becomes
/// floating point, so the others read "0-1.0" (direction_id stays an integer column).
/// </summary>
internal static class StopPatternNamer
{
    public static Dictionary<string, string> Name(GtfsFeed feed)
    {
        var st = feed.StopTimes;
        var order = st.TripOrder;
        var starts = st.TripStarts;
        var hasDirectionColumn = feed.Files.TryGetValue(GtfsFileNames.Trips, out var info) && info.HasColumn("direction_id");
        var someDirectionMissing = hasDirectionColumn && feed.Trips.Any(t => t.DirectionId is null);

        var groups = new Dictionary<(string Route, int? Direction), List<(string TripId, int[] Pattern)>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Trips in trip_id order, file order breaking ties (what a stable OrderBy gives), by one sort of indices.
        var byTripId = new int[feed.Trips.Count];
        for (var i = 0; i < byTripId.Length; i++)
        {
            byTripId[i] = i;
        }

        Array.Sort(byTripId, (a, b) =>
        {
            var c = string.CompareOrdinal(feed.Trips[a].TripId, feed.Trips[b].TripId);
            return c != 0 ? c : a.CompareTo(b);
        });
        foreach (var index in byTripId)
        {
            var trip = feed.Trips[index];
            if (!seen.Add(trip.TripId) || !st.TripIds.TryGetIndex(trip.TripId, out var pool) || starts[pool + 1] == starts[pool])
            {
                continue;
            }

            var pattern = new int[starts[pool + 1] - starts[pool]];
            for (var k = 0; k < pattern.Length; k++)
            {
                pattern[k] = st.StopIndex[order[starts[pool] + k]];
            }

            var key = (trip.RouteId, hasDirectionColumn ? trip.DirectionId : 0);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((trip.TripId, pattern));
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var comparer = new PatternComparer();
        foreach (var ((_, direction), trips) in groups)
        {
            var counts = new Dictionary<int[], (int Count, int FirstSeen)>(comparer);
            for (var i = 0; i < trips.Count; i++)
            {
                var p = trips[i].Pattern;
                counts[p] = counts.TryGetValue(p, out var c) ? (c.Count + 1, c.FirstSeen) : (1, i);
            }

            var rank = counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.FirstSeen)
                .Select((kv, i) => (kv.Key, Rank: i + 1)).ToDictionary(x => x.Key, x => x.Rank, comparer);
            foreach (var (tripId, pattern) in trips)
            {
                names[tripId] = direction switch
                {
                    // pandas' groupby drops the rows whose direction_id is missing: their rank is NaN.
                    null => "nan-nan",
                    // The other rows' ranks then share a float column with those NaNs and print as "1.0";
                    // direction_id itself stays an integer column and prints as "0".
                    { } d when someDirectionMissing => Int(d) + "-" + Int(rank[pattern]) + ".0",
                    { } d => Int(d) + "-" + Int(rank[pattern]),
                };
            }
        }

        return names;
    }

    private static string Int(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class PatternComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
