using DataGouvTerr.GtfsKit.Calendar;
using DataGouvTerr.GtfsKit.Geometry;
using DataGouvTerr.GtfsKit.Statistics;

namespace DataGouvTerr.GtfsKit.Tests.Statistics;

/// <summary>Invariants that tie the statistics of the real Cairns feed to its raw tables.</summary>
public class CairnsStatsTests
{
    private static readonly GtfsFeed Cairns = GtfsFeed.Read(ReferenceFeeds.CairnsZip);
    private static readonly IReadOnlyList<TripStats> Trips = GtfsStats.ComputeTripStats(Cairns);
    private static readonly DateOnly Weekday = new(2014, 5, 26);
    private static readonly DateOnly Sunday = new(2014, 6, 1);

    private static HashSet<string> ActiveTripIds(DateOnly date)
    {
        var services = new ServiceCalendar(Cairns).ActiveServices(date);
        return Cairns.Trips.Where(t => services.Contains(t.ServiceId)).Select(t => t.TripId).ToHashSet();
    }

    private static int StopTimesOf(HashSet<string> tripIds, bool withDepartureOnly = false) =>
        Enumerable.Range(0, Cairns.StopTimes.Count)
            .Count(i => tripIds.Contains(Cairns.StopTimes[i].TripId) && (!withDepartureOnly || Cairns.StopTimes[i].DepartureTime.HasValue));

    [Fact]
    public void Every_trip_has_stats_measured_on_its_shape()
    {
        var geometry = new GtfsGeometry(Cairns);

        Assert.Equal(Cairns.Trips.Count, Trips.Count);
        foreach (var t in Trips)
        {
            var shapeKm = geometry.ShapeLineUtm(Cairns.Shapes.ShapeIds.TryGetIndex(t.ShapeId, out var i) ? i : -1)!.Length / 1000;
            Assert.InRange(t.Distance, 1e-9, shapeKm + 1e-9);
            Assert.True(t.StartTime <= t.EndTime);
            Assert.Equal((t.EndTime.TotalSeconds - t.StartTime.TotalSeconds) / 3600.0, t.Duration, 12);
            Assert.Equal(t.Distance / t.Duration, t.Speed);
        }
    }

    [Fact]
    public void Network_counts_match_the_active_trips()
    {
        var weekday = ActiveTripIds(Weekday);
        var rows = GtfsStats.ComputeNetworkStats(Cairns, [Weekday, Sunday], Trips);

        Assert.Equal([Weekday, Sunday], rows.Select(r => r.Date));
        Assert.Equal(weekday.Count, rows[0].NumTrips);
        Assert.Equal(Trips.Where(t => weekday.Contains(t.TripId)).Sum(t => t.Distance), rows[0].ServiceDistance, 6);
        Assert.Equal(ActiveTripIds(Sunday).Count, rows[1].NumTrips);
        Assert.InRange(rows[0].PeakNumTrips, 1, rows[0].NumTrips);
        Assert.True(rows[0].PeakStartTime < rows[0].PeakEndTime);
    }

    [Fact]
    public void Route_and_stop_totals_add_up_to_the_network()
    {
        var weekday = ActiveTripIds(Weekday);
        var routes = GtfsStats.ComputeRouteStats(Cairns, [Weekday], Trips);
        var stops = GtfsStats.ComputeStopStats(Cairns, [Weekday]);
        var network = GtfsStats.ComputeNetworkStats(Cairns, [Weekday], Trips).Single();

        Assert.Equal(Trips.Count(t => weekday.Contains(t.TripId) && t.Duration > 0), routes.Sum(r => r.NumTrips));
        Assert.Equal(network.NumRoutes, routes.Count);
        Assert.Equal(network.NumStops, stops.Count);
        Assert.Equal(StopTimesOf(weekday), stops.Sum(s => s.NumTrips));
        Assert.All(routes, r => Assert.Equal(r.ServiceDistance / r.NumTrips, r.MeanTripDistance, 12));
        Assert.All(stops, s => Assert.True(double.IsNaN(s.MinHeadway) || s.MinHeadway <= s.MeanHeadway));
    }

    [Fact]
    public void Time_series_add_up_to_the_daily_counts()
    {
        var weekday = ActiveTripIds(Weekday);
        var stopSeries = GtfsStats.ComputeStopTimeSeries(Cairns, [Weekday]);
        var routeSeries = GtfsStats.ComputeRouteTimeSeries(Cairns, [Weekday], Trips);
        var routes = GtfsStats.ComputeRouteStats(Cairns, [Weekday], Trips);

        // 65 Cairns stop times have no time (left for interpolation): time series ignore them, stop stats count them.
        Assert.Equal(StopTimesOf(weekday, withDepartureOnly: true), stopSeries.Sum(r => r.NumTrips));
        Assert.True(StopTimesOf(weekday, withDepartureOnly: true) < StopTimesOf(weekday));
        Assert.Equal(24 * GtfsStats.ComputeStopStats(Cairns, [Weekday]).Count, stopSeries.Count);
        Assert.Equal(routes.Sum(r => r.NumTrips), routeSeries.Sum(r => r.NumTripStarts));
        Assert.Equal(routes.Sum(r => r.ServiceDuration), routeSeries.Sum(r => r.ServiceDuration), 6);
        Assert.Equal(routes.Sum(r => r.ServiceDistance), routeSeries.Sum(r => r.ServiceDistance), 6);
    }

    [Fact]
    public void Split_by_direction_partitions_the_trips()
    {
        var split = GtfsStats.ComputeRouteStats(Cairns, [Weekday], Trips, new StatsOptions { SplitDirections = true });
        var whole = GtfsStats.ComputeRouteStats(Cairns, [Weekday], Trips);
        var stopSplit = GtfsStats.ComputeStopStats(Cairns, [Weekday], options: new StatsOptions { SplitDirections = true });

        Assert.Equal(whole.Sum(r => r.NumTrips), split.Sum(r => r.NumTrips));
        Assert.All(split, r => Assert.NotNull(r.DirectionId));
        Assert.Equal(GtfsStats.ComputeStopStats(Cairns, [Weekday]).Sum(s => s.NumTrips), stopSplit.Sum(s => s.NumTrips));
    }
}
