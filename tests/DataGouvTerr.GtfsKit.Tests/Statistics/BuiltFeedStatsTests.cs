using DataGouvTerr.GtfsKit.Geometry;
using DataGouvTerr.GtfsKit.Model;
using DataGouvTerr.GtfsKit.Reading;
using DataGouvTerr.GtfsKit.Statistics;

namespace DataGouvTerr.GtfsKit.Tests.Statistics;

/// <summary>Small feeds built in code, one per definition of gtfs_kit that the reference feeds do not exercise.</summary>
public class BuiltFeedStatsTests
{
    private static readonly DateOnly Monday = new(2026, 1, 5);

    private static FeedBuilder StraightLine() => FeedBuilder.Minimal()
        .With("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS1,One,49.44,1.09\nS2,Two,49.44,1.10\nS3,Three,49.44,1.11\n")
        .With("trips.txt", "route_id,service_id,trip_id,direction_id,shape_id\nR1,WK,T1,0,SH\n")
        .With("shapes.txt", "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nSH,49.44,1.085,1\nSH,49.44,1.115,3\nSH,49.44,1.10,2\n");

    [Fact]
    public void Distance_is_measured_along_the_shape_between_first_and_last_stop()
    {
        using var builder = StraightLine();
        var trip = Assert.Single(GtfsStats.ComputeTripStats(GtfsFeed.Read(builder.WriteFolder())));

        // 0.02 degrees of longitude at 49.44 N, projected on the shape (which extends beyond both stops).
        var expectedKm = GtfsGeometry.HaversineMeters(49.44, 1.09, 49.44, 1.11) / 1000;
        Assert.InRange(trip.Distance / expectedKm, 0.995, 1.005);
        Assert.Equal(trip.Distance / trip.Duration, trip.Speed, 12);
    }

    [Fact]
    public void Distance_falls_back_to_the_shape_length_when_the_shape_crosses_itself()
    {
        using var builder = StraightLine().With("shapes.txt",
            "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nSH,49.44,1.085,1\nSH,49.44,1.115,2\nSH,49.45,1.10,3\nSH,49.43,1.10,4\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());
        var trip = Assert.Single(GtfsStats.ComputeTripStats(feed));

        var lengthKm = new GtfsGeometry(feed).ShapeLineUtm(0)!.Length / 1000;
        Assert.Equal(lengthKm, trip.Distance, 9);
    }

    [Fact]
    public void Distance_is_nan_without_a_known_shape()
    {
        using var builder = StraightLine().With("trips.txt", "route_id,service_id,trip_id,direction_id,shape_id\nR1,WK,T1,0,OTHER\n");
        var trip = Assert.Single(GtfsStats.ComputeTripStats(GtfsFeed.Read(builder.WriteFolder())));

        Assert.True(double.IsNaN(trip.Distance));
    }

    [Theory]
    [InlineData("m", 1.45)] // metres in, km out
    [InlineData("km", 1450.0)]
    [InlineData("mi", 1450.0)] // miles in, miles out
    [InlineData("ft", 1450.0 / 5280)]
    public void Shape_dist_traveled_wins_and_is_converted_to_km_or_miles(string units, double expected)
    {
        using var builder = StraightLine().With("stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled\nT1,08:00:00,08:00:00,S1,1,0\nT1,08:10:00,08:10:00,S2,2,700\nT1,08:20:00,08:20:00,S3,3,1450\n");
        var feed = GtfsFeed.Read(builder.WriteFolder(), new GtfsReadOptions { DistUnits = units });

        Assert.Equal(expected, Assert.Single(GtfsStats.ComputeTripStats(feed)).Distance, 12);
        // Unless asked to measure on the shapes.
        var fromShapes = GtfsStats.ComputeTripStats(feed, options: new StatsOptions { ComputeDistFromShapes = true })[0].Distance;
        var metres = GtfsGeometry.HaversineMeters(49.44, 1.09, 49.44, 1.11);
        Assert.InRange(fromShapes / (metres * DistanceUnits.Factor("m", DistanceUnits.OutputUnits(units))), 0.995, 1.005);
    }

    [Fact]
    public void A_trip_ending_within_400_m_of_its_start_is_a_loop()
    {
        using var builder = FeedBuilder.Minimal().With("stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,S1,1\nT1,08:10:00,08:10:00,S2,2\nT1,08:20:00,08:20:00,S1,3\n");
        var trip = Assert.Single(GtfsStats.ComputeTripStats(GtfsFeed.Read(builder.WriteFolder())));

        Assert.Equal(1, trip.IsLoop);
    }

    [Fact]
    public void Stop_sequence_order_decides_first_and_last_stop_not_file_order()
    {
        using var builder = FeedBuilder.Minimal().With("stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:20:00,08:20:00,S3,30\nT1,08:00:00,08:00:00,S1,10\nT1,08:10:00,08:11:00,S2,20\n");
        var trip = Assert.Single(GtfsStats.ComputeTripStats(GtfsFeed.Read(builder.WriteFolder())));

        Assert.Equal("S1", trip.StartStopId);
        Assert.Equal("S3", trip.EndStopId);
        Assert.Equal("08:00:00", trip.StartTime.ToString());
    }

    [Fact]
    public void Trips_past_midnight_count_on_their_start_date_modulo_24_hours()
    {
        using var builder = FeedBuilder.Minimal().With("stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,23:50:00,23:50:00,S1,1\nT1,24:00:00,24:00:00,S2,2\nT1,24:10:00,24:10:00,S3,3\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        var stops = GtfsStats.ComputeStopTimeSeries(feed, [Monday]);
        Assert.Equal(1, stops.Single(r => r.StopId == "S1" && r.DateTime.Hour == 23).NumTrips);
        Assert.Equal(1, stops.Single(r => r.StopId == "S3" && r.DateTime.Hour == 0).NumTrips);
        Assert.All(stops, r => Assert.Equal(Monday, DateOnly.FromDateTime(r.DateTime)));

        var route = Assert.Single(GtfsStats.ComputeRouteStats(feed, [Monday]));
        Assert.Equal(0, route.NumTripEnds); // ends at 24:10:00, after midnight
        Assert.Equal("24:10:00", route.EndTime.ToString());

        var series = GtfsStats.ComputeRouteTimeSeries(feed, [Monday]);
        Assert.Equal(10 / 60.0, series.Single(r => r.DateTime.Hour == 23).ServiceDuration, 12);
        Assert.Equal(10 / 60.0, series.Single(r => r.DateTime.Hour == 0).ServiceDuration, 12);
        Assert.Equal(0, series.Sum(r => r.NumTripEnds)); // gtfs_kit does not bin ends of trips wrapping past midnight
    }

    [Fact]
    public void Headway_window_bounds_are_inclusive_and_configurable()
    {
        using var builder = FeedBuilder.Minimal()
            .With("trips.txt", "route_id,service_id,trip_id,direction_id\nR1,WK,A,0\nR1,WK,B,0\nR1,WK,C,0\n")
            .With("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nA,07:00:00,07:00:00,S1,1\nA,07:05:00,07:05:00,S2,2\nB,07:30:00,07:30:00,S1,1\nB,07:35:00,07:35:00,S2,2\nC,19:00:00,19:00:00,S1,1\nC,19:05:00,19:05:00,S2,2\n");
        var feed = GtfsFeed.Read(builder.WriteFolder());

        var s1 = GtfsStats.ComputeStopStats(feed, [Monday]).Single(s => s.StopId == "S1");
        Assert.Equal(690.0, s1.MaxHeadway); // 07:30 to 19:00, both ends of the window included
        Assert.Equal(30.0, s1.MinHeadway);

        var narrow = new StatsOptions { HeadwayStartTime = GtfsTime.FromHms(7, 15, 0), HeadwayEndTime = GtfsTime.FromHms(20, 0, 0) };
        var route = GtfsStats.ComputeRouteStats(feed, [Monday], options: narrow).Single();
        Assert.Equal(690.0, route.MeanHeadway); // only 07:30 and 19:00 starts fall in the window
    }

    [Fact]
    public void Trips_with_unknown_route_or_no_stop_times_are_left_out()
    {
        using var builder = FeedBuilder.Minimal().With("trips.txt", "route_id,service_id,trip_id\nR1,WK,T1\nNOPE,WK,T2\nR1,WK,T3\n");
        var stats = GtfsStats.ComputeTripStats(GtfsFeed.Read(builder.WriteFolder()));

        Assert.Equal(["T1"], stats.Select(t => t.TripId));
        Assert.Null(stats[0].DirectionId);
        Assert.Equal("0-1", stats[0].StopPatternName); // no direction_id column: gtfs_kit uses 0
    }

    [Fact]
    public void Dates_outside_the_feed_give_no_rows()
    {
        using var builder = FeedBuilder.Minimal();
        var feed = GtfsFeed.Read(builder.WriteFolder());

        Assert.Empty(GtfsStats.ComputeRouteStats(feed, [new DateOnly(2030, 1, 1)]));
        Assert.Empty(GtfsStats.ComputeStopStats(feed, [new DateOnly(2030, 1, 1)]));
        Assert.Empty(GtfsStats.ComputeNetworkStats(feed, []));
        Assert.DoesNotContain(GtfsStats.ComputeStopTimeSeries(feed, [new DateOnly(2026, 1, 3)]), r => r.NumTrips > 0); // Saturday
    }
}
