using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>
/// gtfs_kit's name_stop_patterns: within each (route_id, direction_id), distinct stop sequences are ranked by how many
/// trips follow them (1 = most frequent; ties keep first appearance in trip_id order) and each trip is named
/// "&lt;direction_id&gt;-&lt;rank&gt;". direction_id is written as pandas prints it: "0" when the column is absent or complete,
/// "0.0"/"nan" when some trips lack it (the column is then floating point).
/// </summary>
internal static class StopPatternNamer
{
    public static Dictionary<string, string> Name(GtfsFeed feed)
    {
        var st = feed.StopTimes;
        var order = st.TripOrder;
        var starts = st.TripStarts;
        var hasDirectionColumn = feed.Files.TryGetValue(GtfsFileNames.Trips, out var info) && info.HasColumn("direction_id");
        var directionIsFloat = hasDirectionColumn && feed.Trips.Any(t => t.DirectionId is null);

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
            var prefix = direction switch
            {
                null => "nan",
                { } d when directionIsFloat => d + ".0",
                { } d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (tripId, pattern) in trips)
            {
                names[tripId] = prefix + "-" + rank[pattern].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return names;
    }

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
