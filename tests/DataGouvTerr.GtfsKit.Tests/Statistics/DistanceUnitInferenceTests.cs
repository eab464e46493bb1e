using System.Globalization;
using DataGouvTerr.GtfsKit.Statistics;
using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.GtfsKit.Tests.Statistics;

/// <summary>
/// The unit of shape_dist_traveled, read from the feed when <c>--dist-units</c> is not given: the hub's sample feed is
/// in metres; constructed shapes in each unit are recognised; feeds without distances are refused, not guessed.
/// </summary>
public sealed class DistanceUnitInferenceTests
{
    [Fact]
    public void The_sample_feed_is_in_metres()
    {
        var sample = Path.GetFullPath(Path.Combine(TestReference.Copied(), "..", "..", "feeds", "gtfs", "reseau-exemple.zip"));

        var result = DistanceUnitInference.Infer(GtfsFeed.Read(sample));

        Assert.True(result.Units == "m", result.Explanation);
    }

    [Theory]
    [InlineData("m", 1.0)]
    [InlineData("km", 0.001)]
    [InlineData("mi", 1 / 1609.344)]
    [InlineData("ft", 1 / 0.3048)]
    public void A_shape_in_each_unit_is_recognised(string units, double perMetre)
    {
        // Two points 0.01° of latitude apart: 1,111.95 m on the ground.
        var metres = 1111.95;
        using var builder = FeedBuilder.Minimal()
            .With("shapes.txt", "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence,shape_dist_traveled\n"
                + $"SH,49.44,1.09,1,0\nSH,49.45,1.09,2,{(metres * perMetre).ToString(CultureInfo.InvariantCulture)}\n");

        var result = DistanceUnitInference.Infer(GtfsFeed.Read(builder.WriteFolder()));

        Assert.True(result.Units == units, result.Explanation);
    }

    [Theory]
    [InlineData("km", 0.001)]
    [InlineData("m", 1.0)]
    public void Without_shapes_the_stop_times_distances_tell_the_unit_allowing_for_a_road_longer_than_the_straight_line(string units, double perMetre)
    {
        // The minimal feed's stops are 1.33 km apart in a straight line; the road is 1.3 times longer.
        var s1 = 0.0;
        var s2 = 1330 * 1.3 * perMetre;
        var s3 = 2 * 1330 * 1.3 * perMetre;
        string F(double d) => d.ToString(CultureInfo.InvariantCulture);
        using var builder = FeedBuilder.Minimal()
            .With("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled\n"
                + $"T1,08:00:00,08:00:00,S1,1,{F(s1)}\nT1,08:10:00,08:11:00,S2,2,{F(s2)}\nT1,08:20:00,08:20:00,S3,3,{F(s3)}\n");

        var result = DistanceUnitInference.Infer(GtfsFeed.Read(builder.WriteFolder()));

        Assert.True(result.Units == units, result.Explanation);
    }

    [Theory]
    [InlineData("cairns_gtfs.zip")]
    [InlineData("nyc_subway_gtfs.zip")]
    [InlineData("sample_gtfs.zip")]
    public void Reference_feeds_without_distances_are_refused_with_the_reason(string feed)
    {
        // Cairns and the NYC subway have no shape_dist_traveled column; the DTA sample has the column, all empty.
        var result = DistanceUnitInference.Infer(GtfsFeed.Read(Path.Combine(ReferenceFeeds.GtfsKitDir, feed)));

        Assert.Null(result.Units);
        Assert.Contains("no usable shape_dist_traveled", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Distances_that_fit_no_unit_are_refused()
    {
        // 1,111.95 m on the ground written as 50: no unit gives that.
        using var builder = FeedBuilder.Minimal()
            .With("shapes.txt", "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence,shape_dist_traveled\nSH,49.44,1.09,1,0\nSH,49.45,1.09,2,50\n");

        var result = DistanceUnitInference.Infer(GtfsFeed.Read(builder.WriteFolder()));

        Assert.Null(result.Units);
        Assert.Contains("fits no unit", result.Explanation, StringComparison.Ordinal);
    }
}
