using DataGouvTerr.GtfsKit.Statistics;

namespace DataGouvTerr.GtfsKit.Tests.Statistics;

/// <summary>
/// gtfs_kit's sample feed (Google's DTA demo) with values computed by hand from its files:
/// on Tuesday 2007-06-05 only service FULLW runs (7 trips); Monday 2007-06-04 has FULLW removed (no trip).
/// </summary>
public class SampleFeedStatsTests
{
    private static readonly GtfsFeed Sample = GtfsFeed.Read(ReferenceFeeds.SampleZip);
    private static readonly DateOnly Tuesday = new(2007, 6, 5);
    private static readonly DateOnly Monday = new(2007, 6, 4);

    [Fact]
    public void Trip_stats_take_first_and_last_departures_in_stop_sequence_order()
    {
        var stats = GtfsStats.ComputeTripStats(Sample);
        var city1 = stats.Single(t => t.TripId == "CITY1");

        Assert.Equal(11, stats.Count);
        Assert.Equal("06:00:00", city1.StartTime.ToString()); // departure at stop 1
        Assert.Equal("06:28:00", city1.EndTime.ToString()); // departure (not arrival 06:26) at stop 5
        Assert.Equal(5, city1.NumStops);
        Assert.Equal("STAGECOACH", city1.StartStopId);
        Assert.Equal("EMSI", city1.EndStopId);
        Assert.Equal(28 / 60.0, city1.Duration, 12);
        Assert.Equal(0, city1.IsLoop); // STAGECOACH to EMSI is about 1.1 km
        Assert.Equal("40", city1.RouteShortName);
        Assert.Equal(3, city1.RouteType);
        // shapes.txt has a header only and stop_times has no shape_dist_traveled: distances are NaN, like gtfs_kit.
        Assert.True(double.IsNaN(city1.Distance));
        Assert.True(double.IsNaN(city1.Speed));
    }

    [Fact]
    public void Trip_stats_are_sorted_by_route_direction_start_and_name_stop_patterns()
    {
        var stats = GtfsStats.ComputeTripStats(Sample);

        Assert.Equal(["AAMV1", "AAMV3", "AAMV2", "AAMV4", "AB1", "AB2", "BFC1", "BFC2", "CITY1", "CITY2", "STBA"], stats.Select(t => t.TripId));
        // direction_id has a blank (STBA): gtfs_kit 12's groupby leaves that trip unranked (NaN), so the rank column is
        // floating point and prints "1.0" while direction_id stays an integer: "0-1.0"; the blank trip is "nan-nan".
        Assert.Equal("0-1.0", stats[0].StopPatternName);
        Assert.Equal("1-1.0", stats[2].StopPatternName);
        Assert.Equal("nan-nan", stats[^1].StopPatternName);
        Assert.Null(stats[^1].DirectionId);
    }

    [Fact]
    public void Route_stats_on_a_tuesday()
    {
        var stats = GtfsStats.ComputeRouteStats(Sample, [Tuesday, Monday]);

        Assert.Equal(["AB", "BFC", "CITY", "STBA"], stats.Select(r => r.RouteId));
        Assert.All(stats, r => Assert.Equal(Tuesday, r.Date)); // Monday has no trip: no rows
        var ab = stats[0];
        Assert.Equal(2, ab.NumTrips);
        Assert.Equal(2, ab.NumTripEnds);
        Assert.Equal(2, ab.NumStopPatterns);
        Assert.Equal(1, ab.IsBidirectional);
        Assert.Equal("08:00:00", ab.StartTime.ToString());
        Assert.Equal("12:15:00", ab.EndTime.ToString());
        Assert.True(double.IsNaN(ab.MeanHeadway)); // one trip per direction: no gap
        // In service: 08:00-08:15 and 12:05-12:15; the first longest peak of 1 trip is 08:00-08:15.
        Assert.Equal(1, ab.PeakNumTrips);
        Assert.Equal("08:00:00", ab.PeakStartTime.ToString());
        Assert.Equal("08:15:00", ab.PeakEndTime.ToString());
        Assert.Equal(0.25 + (10 / 60.0), ab.ServiceDuration, 12);
        Assert.Equal(0.0, ab.ServiceDistance); // NaN distances sum to 0 in pandas
        Assert.Equal(0.0, ab.ServiceSpeed);
        Assert.Equal(0, stats.Single(r => r.RouteId == "STBA").IsBidirectional); // one (missing) direction
    }

    [Fact]
    public void Route_headways_pool_gaps_within_each_direction()
    {
        var saturday = GtfsStats.ComputeRouteStats(Sample, [new DateOnly(2007, 6, 9)]);
        var aamv = saturday.Single(r => r.RouteId == "AAMV");

        // Direction 0 starts 08:00 and 13:00, direction 1 starts 10:00 and 15:00: gaps of 300 min in each.
        Assert.Equal(300.0, aamv.MaxHeadway);
        Assert.Equal(300.0, aamv.MinHeadway);
        Assert.Equal(300.0, aamv.MeanHeadway);
    }

    [Fact]
    public void Route_stats_split_by_direction()
    {
        var stats = GtfsStats.ComputeRouteStats(Sample, [Tuesday], options: new StatsOptions { SplitDirections = true });

        Assert.Equal([("AB", 0), ("AB", 1), ("BFC", 0), ("BFC", 1), ("CITY", 0), ("CITY", 1)], stats.Select(r => (r.RouteId, r.DirectionId!.Value)));
        Assert.All(stats, r => Assert.Null(r.IsBidirectional));
    }

    [Fact]
    public void Stop_stats_on_a_tuesday()
    {
        var stats = GtfsStats.ComputeStopStats(Sample, [Tuesday]);
        var bullfrog = stats.Single(s => s.StopId == "BULLFROG");
        var beatty = stats.Single(s => s.StopId == "BEATTY_AIRPORT");

        Assert.Equal(8, stats.Count); // AMV is only served at weekends
        Assert.Equal(stats.Select(s => s.StopId).Order(StringComparer.Ordinal), stats.Select(s => s.StopId));
        // Departures 08:15 (AB1), 08:20 (BFC1), 12:00 (BFC2), 12:05 (AB2): gaps 5, 220 and 5 minutes.
        Assert.Equal(4, bullfrog.NumTrips);
        Assert.Equal(2, bullfrog.NumRoutes);
        Assert.Equal(220.0, bullfrog.MaxHeadway);
        Assert.Equal(5.0, bullfrog.MinHeadway);
        Assert.Equal(230 / 3.0, bullfrog.MeanHeadway, 12);
        Assert.Equal("08:15:00", bullfrog.StartTime.ToString());
        Assert.Equal("12:05:00", bullfrog.EndTime.ToString());
        // 06:20 (STBA) is before the 07:00 window: one gap, 08:00 to 12:15.
        Assert.Equal(3, beatty.NumTrips);
        Assert.Equal(255.0, beatty.MeanHeadway);
        Assert.Equal("06:20:00", beatty.StartTime.ToString());
    }

    [Fact]
    public void Network_stats_on_a_tuesday()
    {
        var row = Assert.Single(GtfsStats.ComputeNetworkStats(Sample, [Monday, Tuesday]));

        Assert.Equal(Tuesday, row.Date);
        Assert.Equal(8, row.NumStops);
        Assert.Equal(4, row.NumRoutes);
        Assert.Equal(7, row.NumTrips);
        Assert.Equal(7, row.NumTripEnds);
        // STBA 06:00-06:20 and CITY1 06:00-06:28 overlap: 2 trips from 06:00 until STBA ends at 06:20.
        Assert.Equal(2, row.PeakNumTrips);
        Assert.Equal("06:00:00", row.PeakStartTime.ToString());
        Assert.Equal("06:20:00", row.PeakEndTime.ToString());
        Assert.Equal(0.25 + (1 / 6.0) + (1 / 3.0) + (2 * 28 / 60.0) + 1 + 1, row.ServiceDuration, 12);
        Assert.Equal(0.0, row.ServiceSpeed);
    }

    [Fact]
    public void Network_stats_split_by_route_type()
    {
        var row = Assert.Single(GtfsStats.ComputeNetworkStats(Sample, [Tuesday], options: new StatsOptions { SplitRouteTypes = true }));

        Assert.Equal(3, row.RouteType);
        Assert.Equal(7, row.NumTrips);
    }

    [Fact]
    public void Stop_time_series_counts_departures_per_hour()
    {
        var series = GtfsStats.ComputeStopTimeSeries(Sample, [Tuesday]);

        Assert.Equal(24 * 8, series.Count);
        Assert.Equal(new DateTime(2007, 6, 5, 0, 0, 0), series[0].DateTime);
        Assert.Equal("BEATTY_AIRPORT", series[0].StopId);
        Assert.Equal(2, series.Single(r => r.StopId == "BULLFROG" && r.DateTime.Hour == 8).NumTrips);
        Assert.Equal(2, series.Single(r => r.StopId == "BULLFROG" && r.DateTime.Hour == 12).NumTrips);
        Assert.Equal(Sample.StopTimes.Count - 8, series.Sum(r => r.NumTrips)); // all but the 8 weekend AAMV stop times
    }

    [Fact]
    public void Route_time_series_bins_trips_by_minute_into_hours()
    {
        var series = GtfsStats.ComputeRouteTimeSeries(Sample, [Tuesday]);
        var bfc8 = series.Single(r => r.RouteId == "BFC" && r.DateTime.Hour == 8);
        var bfc9 = series.Single(r => r.RouteId == "BFC" && r.DateTime.Hour == 9);

        // BFC1 runs 08:20-09:20: 40 minutes in hour 8, 20 in hour 9, where it ends.
        Assert.Equal(1, bfc8.NumTripStarts);
        Assert.Equal(1, bfc8.NumTrips);
        Assert.Equal(40 / 60.0, bfc8.ServiceDuration, 12);
        Assert.Equal(1, bfc9.NumTripEnds);
        Assert.Equal(1, bfc9.NumTrips);
        Assert.Equal(20 / 60.0, bfc9.ServiceDuration, 12);
        Assert.Equal(24 * 4, series.Count);
    }
}
