using DataGouvTerr.Domain.Gbfs;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsStationsNearStopsTests
{
    [Fact]
    public void Finds_stations_within_walking_distance_nearest_first()
    {
        // At Rouen's latitude 0.001° of latitude is ~111 m and 0.001° of longitude ~72 m.
        var stations = new[]
        {
            new GbfsStation("far", null, 1.0940, 49.4440, 10, false),   // ~445 m north
            new GbfsStation("near", null, 1.0940, 49.4410, 10, false),  // ~111 m north
            new GbfsStation("mid", null, 1.0970, 49.4400, 10, false),   // ~217 m east
        };

        var found = GbfsStationsNearStops.Find([new StopPoint("stop-1", 1.0940, 49.4400), new StopPoint("stop-lonely", 1.2, 49.5)], stations, 300);

        Assert.Equal(["near", "mid"], found.Select(f => f.StationId));
        Assert.All(found, f => Assert.Equal("stop-1", f.StopId));
        Assert.InRange(found[0].DistanceMeters, 105, 118);
        Assert.InRange(found[1].DistanceMeters, 205, 230);
    }

    [Fact]
    public void Count_drops_are_incidents_only_when_large_and_from_a_real_baseline()
    {
        Assert.Equal(GbfsIncidentKind.CountDrop, GbfsCountDropDetector.Detect(100, 40)?.Kind);
        Assert.Null(GbfsCountDropDetector.Detect(100, 60));
        Assert.Null(GbfsCountDropDetector.Detect(8, 0));
        Assert.Null(GbfsCountDropDetector.Detect(null, 0));
    }
}
