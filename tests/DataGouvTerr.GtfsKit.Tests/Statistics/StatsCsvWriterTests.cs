using DataGouvTerr.GtfsKit.Statistics;

namespace DataGouvTerr.GtfsKit.Tests.Statistics;

public class StatsCsvWriterTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(76.66666666666667, "76.66666666666667")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NaN, "")]
    public void Floats_print_like_python(double value, string text) => Assert.Equal(text, StatsCsvWriter.Float(value));

    [Fact]
    public void Writes_six_files_with_gtfs_kit_columns_and_date_first()
    {
        using var builder = new FeedBuilder();
        var dir = Path.Combine(builder.Directory, "stats");
        var summary = StatsCsvWriter.WriteAll(dir, GtfsFeed.Read(ReferenceFeeds.SampleZip), [new DateOnly(2007, 6, 5)]);

        string Header(string name) => File.ReadLines(Path.Combine(dir, name)).First();
        Assert.Equal(string.Join(',', StatsCsvWriter.TripStatsColumns), Header("trip_stats.csv"));
        Assert.Equal("date,route_id,route_short_name,route_type,num_trips,num_trip_starts,num_trip_ends,num_stop_patterns,is_loop,start_time,end_time,max_headway,min_headway,mean_headway,peak_num_trips,peak_start_time,peak_end_time,service_distance,service_duration,service_speed,mean_trip_distance,mean_trip_duration,is_bidirectional", Header("route_stats.csv"));
        Assert.Equal("date,stop_id,num_trips,num_routes,max_headway,min_headway,mean_headway,start_time,end_time", Header("stop_stats.csv"));
        Assert.Equal("date,num_stops,num_routes,num_trips,num_trip_starts,num_trip_ends,peak_num_trips,peak_start_time,peak_end_time,service_distance,service_duration,service_speed", Header("network_stats.csv"));
        Assert.Equal("datetime,stop_id,num_trips", Header("stop_time_series.csv"));
        Assert.Equal("datetime,route_id,num_trips,num_trip_starts,num_trip_ends,service_distance,service_duration,service_speed", Header("route_time_series.csv"));
        Assert.Equal(11, summary.RowsByFile["trip_stats.csv"]);
        Assert.Equal(12, File.ReadLines(Path.Combine(dir, "trip_stats.csv")).Count());
        Assert.Contains("20070605,BULLFROG,4,2,220.0,5.0,76.66666666666667,08:15:00,12:05:00", File.ReadLines(Path.Combine(dir, "stop_stats.csv")));
        Assert.Contains("2007-06-05 08:00:00,BULLFROG,2", File.ReadLines(Path.Combine(dir, "stop_time_series.csv")));
        Assert.Contains("STBA,STBA,30,3,,,nan-nan,2,06:00:00,06:20:00,STAGECOACH,BEATTY_AIRPORT,0,0.3333333333333333,,", File.ReadLines(Path.Combine(dir, "trip_stats.csv")));
    }

    [Fact]
    public void Split_columns_follow_gtfs_kit()
    {
        var w = new StringWriter();
        StatsCsvWriter.WriteStopStats(w, [new StopStats { Date = new DateOnly(2026, 1, 5), StopId = "a,b", DirectionId = 1 }], splitDirections: true);

        Assert.Equal("date,stop_id,num_trips,num_routes,max_headway,min_headway,mean_headway,start_time,end_time,direction_id\n20260105,\"a,b\",0,0,,,,,,1\n", w.ToString());
    }
}
