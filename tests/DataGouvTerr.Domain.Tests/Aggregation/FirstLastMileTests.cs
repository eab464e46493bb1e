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
    public void Counts_trips_starting_and_ending_near_each_stop_and_suppresses_small_counts()
    {
        // Stop A sits at the centre of cell (0,0), stop B at the centre of cell (4,4).
        var index = new StopProximityIndex([StopAt("A", 560250, 6925250), StopAt("B", 562250, 6927250)], 100);
        var at = Monday.AddHours(8);
        var trips = Repeat(12, _ => Trip(0, 0, 2, 2, at)).Concat(Repeat(3, _ => Trip(2, 2, 4, 4, at)));

        var counts = FirstLastMileAggregator.Build(trips, index, new TimeBinning(TimeSpan.FromHours(1)), Monday, Monday.AddDays(1), 10);

        var a = Assert.Single(counts, c => c.StopId == "A");
        Assert.Equal(12, a.TripsStarting);
        Assert.Null(a.TripsEnding); // a zero is under k too: hidden, never shown
        Assert.True(a.EndingSuppressed);
        var b = Assert.Single(counts, c => c.StopId == "B");
        Assert.Null(b.TripsEnding);
        Assert.True(b.EndingSuppressed);
        Assert.Null(b.TripsStarting);
        Assert.True(b.StartingSuppressed);
    }
}
