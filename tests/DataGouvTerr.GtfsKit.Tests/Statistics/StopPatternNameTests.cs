using DataGouvTerr.GtfsKit.Statistics;

namespace DataGouvTerr.GtfsKit.Tests.Statistics;

/// <summary>
/// trip_stats.stop_pattern_name as gtfs_kit 12 writes it: ranks by trips per pattern within a route and direction,
/// ties in the order pandas' value_counts leaves them (first occurrence, trips in trip_id order), and pandas'
/// printing when some direction_id is empty (rank as a float, the empty-direction trips unranked).
/// </summary>
public sealed class StopPatternNameTests
{
    private const string Header = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";

    private static string Trip(string id, params string[] stops) =>
        string.Concat(stops.Select((s, i) => $"{id},08:{i:00}:00,08:{i:00}:00,{s},{i + 1}\n"));

    private static Dictionary<string, string> Names(FeedBuilder builder) =>
        GtfsStats.ComputeTripStats(GtfsFeed.Read(builder.WriteFolder())).ToDictionary(t => t.TripId, t => t.StopPatternName);

    [Fact]
    public void With_some_direction_empty_ranks_print_as_floats_and_the_empty_ones_are_unranked()
    {
        using var builder = FeedBuilder.Minimal()
            .With("trips.txt", "route_id,service_id,trip_id,direction_id\nR1,WK,T1,0\nR1,WK,T2,0\nR1,WK,T3,1\nR1,WK,T4,\nR1,WK,T5,0\n")
            .With("stop_times.txt", Header + Trip("T1", "S1", "S2", "S3") + Trip("T2", "S1", "S2", "S3") + Trip("T3", "S3", "S2", "S1")
                + Trip("T4", "S1", "S2", "S3") + Trip("T5", "S1", "S3"));

        var names = Names(builder);

        Assert.Equal("0-1.0", names["T1"]);
        Assert.Equal("0-1.0", names["T2"]);
        Assert.Equal("0-2.0", names["T5"]);
        Assert.Equal("1-1.0", names["T3"]);
        Assert.Equal("nan-nan", names["T4"]);
    }

    [Fact]
    public void With_every_direction_given_ranks_print_as_integers()
    {
        using var builder = FeedBuilder.Minimal()
            .With("trips.txt", "route_id,service_id,trip_id,direction_id\nR1,WK,T1,0\nR1,WK,T2,1\n")
            .With("stop_times.txt", Header + Trip("T1", "S1", "S2", "S3") + Trip("T2", "S3", "S2", "S1"));

        var names = Names(builder);

        Assert.Equal("0-1", names["T1"]);
        Assert.Equal("1-1", names["T2"]);
    }

    [Fact]
    public void Tied_patterns_rank_by_first_occurrence_in_trip_id_order_not_file_order()
    {
        // Patterns P (S1 S2 S3) and Q (S1 S3) have two trips each. In trip_id order Q comes first (a1), although the
        // file lists a P trip first: value_counts keeps first occurrence among ties, so Q is 1 and P is 2.
        using var builder = FeedBuilder.Minimal()
            .With("trips.txt", "route_id,service_id,trip_id,direction_id\nR1,WK,a4,0\nR1,WK,a2,0\nR1,WK,a1,0\nR1,WK,a3,0\n")
            .With("stop_times.txt", Header + Trip("a4", "S1", "S3") + Trip("a2", "S1", "S2", "S3") + Trip("a1", "S1", "S3") + Trip("a3", "S1", "S2", "S3"));

        var names = Names(builder);

        Assert.Equal("0-1", names["a1"]);
        Assert.Equal("0-1", names["a4"]);
        Assert.Equal("0-2", names["a2"]);
        Assert.Equal("0-2", names["a3"]);
    }
}
