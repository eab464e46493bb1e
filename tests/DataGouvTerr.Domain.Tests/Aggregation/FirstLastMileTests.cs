using DataGouvTerr.Domain.Aggregation;
using static DataGouvTerr.Domain.Tests.Aggregation.FlowFixtures;

namespace DataGouvTerr.Domain.Tests.Aggregation;

public class FirstLastMileTests
{
    private static TransitStop StopAt(string id, double x, double y)
    {
        var (lon, lat) = At(x, y);
        return new TransitStop(id, id, lon, lat);
    }

    [Fact]
    public void Finds_stops_within_the_radius_in_metres_across_bucket_edges()
    {
        var index = new StopProximityIndex([StopAt("a", 561000, 6926000), StopAt("b", 561290, 6926000), StopAt("c", 561400, 6926000)], 300);
        var (lon, lat) = At(561000, 6926000);
        var found = new List<int>();

        index.StopsNear(lon, lat, found);

        Assert.Equal(["a", "b"], found.Select(i => index.Stops[i].StopId).Order());
    }

    [Fact]
    public void A_trip_counts_at_its_nearest_stop_only_so_it_weighs_one_in_each_histogram()
    {
        // A and B are both within 300 m of the start; A is nearer. Counting it at both would double its weight.
        var index = new StopProximityIndex([StopAt("A", 560300, 6925250), StopAt("B", 560500, 6925250)], 300);
        var at = Monday.AddHours(8);

        var counts = FirstLastMileAggregator.Count([Trip(0, 0, 9, 9, at)], index, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1));

        var (stop, value) = Assert.Single(counts);
        Assert.Equal("A", index.Stops[stop.Stop].StopId);
        Assert.Equal((1, 0), value);
    }

    [Fact]
    public void Published_counts_are_noisy_near_the_truth_and_never_below_the_threshold()
    {
        var index = new StopProximityIndex([StopAt("A", 560250, 6925250), StopAt("B", 562250, 6927250)], 100);
        var at = Monday.AddHours(8);
        var trips = Repeat(300, _ => Trip(0, 0, 2, 2, at)).Concat(Repeat(3, _ => Trip(2, 2, 4, 4, at))).ToList();
        var plan = DataGouvTerr.Domain.Privacy.ReleasePlan.For("first-last-mile", 1.0m, 0.000001m, 10);

        for (var run = 0; run < 50; run++)
        {
            var counts = FirstLastMileAggregator.Build(trips, index, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), plan,
                DataGouvTerr.Domain.Privacy.SecureNoiseSource.Instance);
            Assert.All(counts, c => Assert.True(c.TripsStarting is null || c.TripsStarting >= plan.Threshold));
            Assert.All(counts, c => Assert.True(c.TripsEnding is null || c.TripsEnding >= plan.Threshold));
            // ε/2 = 0.5 on each: scale 2, so |noise| > 40 has probability ≈ 2e-9.
            var a = Assert.Single(counts, c => c.StopId == "A" && c.Bin == new TimeBinning(TimeSpan.FromHours(1)).IndexOf(at));
            Assert.InRange(a.TripsStarting!.Value, 260, 340);
        }
    }
}
