namespace DataGouvTerr.GtfsKit.Tests.Validation;

/// <summary>Changes close to a rule's limit that must not raise its notice.</summary>
public sealed class RuleBoundaryTests
{
    [Fact]
    public void Platforms_of_one_station_with_its_name_and_point_are_not_duplicate_stops()
    {
        using var feed = new GtfsFeedBuilder()
            .Replace("stops.txt", "S1,Gare,49.4490,1.0940,0,", "ST1,Gare,49.4490,1.0940,1,\nS1,Gare,49.4490,1.0940,0,ST1\nS1B,Gare,49.4490,1.0940,0,ST1")
            .Append("stop_times.txt", "T2,08:31:00,08:31:00,S1B,4,,");
        var report = feed.Validate();

        Assert.Equal(0, report.CountOf("duplicate_stop"));
        Assert.Equal(0, report.CountOf("unused_station"));
    }

    [Fact]
    public void A_stop_90_m_from_its_shape_is_close_enough_and_one_at_150_m_is_not()
    {
        // 0.0012° of longitude at 49.44° N is about 87 m; 0.0021° about 152 m.
        using var near = new GtfsFeedBuilder().Replace("stops.txt", "S2,Théâtre,49.4440,1.0990", "S2,Théâtre,49.4440,1.1002");
        using var far = new GtfsFeedBuilder().Replace("stops.txt", "S2,Théâtre,49.4440,1.0990", "S2,Théâtre,49.4440,1.1011");

        Assert.Equal(0, near.Validate().CountOf("stop_too_far_from_shape"));
        Assert.Equal(1, far.Validate().CountOf("stop_too_far_from_shape"));
    }

    [Fact]
    public void Ten_minutes_between_stops_22_km_apart_is_believable_for_a_bus_but_not_for_a_ferry()
    {
        // 22 km in 16 minutes (+1 for rounding) is 78 km/h: under the bus limit (150), close under the ferry one (80)…
        using var bus = new GtfsFeedBuilder().Replace("stops.txt", "S2,Théâtre,49.4440", "S2,Théâtre,49.6440")
            .Replace("stop_times.txt", "T1,08:04:00,08:05:00", "T1,08:16:00,08:16:00").Replace("stop_times.txt", "T1,08:10:00,08:10:00", "T1,08:40:00,08:40:00")
            .Replace("stop_times.txt", "T2,08:20:00,08:20:00,S3,1", "T2,08:45:00,08:45:00,S3,1").Replace("stop_times.txt", "T2,08:25:00,08:25:00,S2,2", "T2,09:10:00,09:10:00,S2,2")
            .Replace("stop_times.txt", "T2,08:30:00,08:30:00,S1,3", "T2,09:30:00,09:30:00,S1,3");
        Assert.Equal(0, bus.Validate().CountOf("fast_travel_between_consecutive_stops"));

        // …and over it at 12 minutes (+1): 101 km/h.
        using var ferry = new GtfsFeedBuilder().Replace("stops.txt", "S2,Théâtre,49.4440", "S2,Théâtre,49.6440")
            .Replace("routes.txt", ",3,0055A4", ",4,0055A4")
            .Replace("stop_times.txt", "T1,08:04:00,08:05:00", "T1,08:12:00,08:12:00");
        Assert.True(ferry.Validate().CountOf("fast_travel_between_consecutive_stops") > 0);
    }

    [Fact]
    public void A_timed_wait_at_the_same_stop_keeps_its_distance()
    {
        using var feed = new GtfsFeedBuilder()
            .Replace("stop_times.txt", "T1,08:10:00,08:10:00,S3,3,1340,1", "T1,08:10:00,08:10:00,S3,3,1340,1\nT1,08:12:00,08:12:00,S3,4,1340,1");
        var report = feed.Validate();

        Assert.Equal(0, report.CountOf("decreasing_or_equal_stop_time_distance"));
    }

    [Fact]
    public void A_feed_ending_in_exactly_30_days_raises_nothing_and_in_29_days_the_30_day_warning()
    {
        using var at30 = new GtfsFeedBuilder().Replace("feed_info.txt", "20271231", "20261230");
        using var at29 = new GtfsFeedBuilder().Replace("feed_info.txt", "20271231", "20261229");

        Assert.Empty(at30.Validate().Summary);
        Assert.Equal(1, at29.Validate().CountOf("feed_expiration_date30_days"));
    }
}
