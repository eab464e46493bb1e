using DataGouvTerr.Hub.Ingestion.Gtfs;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>The per-stop numbers of a stop map: gtfs_kit's headway window and counting, hourly bins past midnight.</summary>
public sealed class StopDayStatsTests
{
    private static int T(int h, int m) => (h * 3600) + (m * 60);

    [Fact]
    public void Headways_use_only_departures_between_seven_and_nineteen_inclusive()
    {
        // 06:50 and 19:10 are outside the window; 07:00 and 19:00 are inside (gtfs_kit's inclusive bounds).
        var stats = StopDayStats.Compute(
        [
            new(T(6, 50), "A"), new(T(7, 0), "A"), new(T(7, 10), "B"), new(T(7, 40), "A"), new(T(19, 0), "A"), new(T(19, 10), "A"),
        ]);

        Assert.Equal(6, stats.NumTrips);
        Assert.Equal(["A", "B"], stats.RouteIds);
        Assert.Equal(680.0, stats.MaxHeadwayMinutes);
        Assert.Equal(10.0, stats.MinHeadwayMinutes);
        Assert.Equal((10 + 30 + 680) / 3.0, stats.MeanHeadwayMinutes);
        Assert.Equal(T(6, 50), stats.StartSeconds);
        Assert.Equal(T(19, 10), stats.EndSeconds);
    }

    [Fact]
    public void Departures_past_midnight_count_in_their_own_hour_of_the_service_day()
    {
        var stats = StopDayStats.Compute([new(T(23, 59), "N"), new(T(25, 10), "N"), new(T(25, 40), "N"), new(null, "N")]);

        Assert.Equal(26, stats.HourlyDepartures.Length);
        Assert.Equal(1, stats.HourlyDepartures[23]);
        Assert.Equal(0, stats.HourlyDepartures[24]);
        Assert.Equal(2, stats.HourlyDepartures[25]);
        // An untimed stop time is a trip at the stop (gtfs_kit's num_trips) but has no hour.
        Assert.Equal(4, stats.NumTrips);
        Assert.Equal(3, stats.HourlyDepartures.Sum());
        Assert.Null(stats.MaxHeadwayMinutes);
    }

    [Fact]
    public void A_stop_without_departures_has_zeroes_and_twenty_four_bins()
    {
        var stats = StopDayStats.Compute([]);

        Assert.Equal(0, stats.NumTrips);
        Assert.Equal(24, stats.HourlyDepartures.Length);
        Assert.Null(stats.MeanHeadwayMinutes);
        Assert.Null(stats.StartSeconds);
    }
}
