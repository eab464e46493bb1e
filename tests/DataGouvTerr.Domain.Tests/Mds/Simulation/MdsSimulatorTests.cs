using DataGouvTerr.Domain.Mds.Simulation;

namespace DataGouvTerr.Domain.Tests.Mds.Simulation;

public sealed class MdsSimulatorTests
{
    // Monday 2026-11-30 to Monday 2026-12-07 (local time = UTC+1 in winter): a full week, weekdays and weekend.
    private static readonly DateTimeOffset Monday = new(2026, 11, 29, 23, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<MdsSimulation> Week = new(() => MdsSimulator.Simulate(Request(Monday, Monday.AddDays(7), vehicles: 60)));

    private static MdsSimulationRequest Request(DateTimeOffset from, DateTimeOffset to, int vehicles = 20, int seed = 7) => new()
    {
        Territory = RouenArea.Polygon,
        Hotspots = RouenArea.Hotspots,
        From = from,
        To = to,
        VehicleCount = vehicles,
        Seed = seed,
    };

    [Fact]
    public void Same_seed_gives_identical_payloads_and_another_seed_differs()
    {
        var day = Request(Monday, Monday.AddDays(1));
        Assert.Equal(Payloads(MdsSimulator.Simulate(day)), Payloads(MdsSimulator.Simulate(day)));
        Assert.NotEqual(Payloads(MdsSimulator.Simulate(day)), Payloads(MdsSimulator.Simulate(day with { Seed = 8 })));
    }

    [Fact]
    public void Trips_have_plausible_durations_and_distances_inside_the_territory()
    {
        var simulation = Week.Value;
        Assert.True(simulation.Trips.Count > 60 * 7 * 2, $"only {simulation.Trips.Count} trips for 60 vehicles over a week");
        var sampler = new TerritorySampler(RouenArea.Polygon, RouenArea.Hotspots, new Random(1));
        foreach (var trip in simulation.Trips)
        {
            Assert.InRange(trip.DurationSeconds, 180, 1800);
            Assert.InRange(trip.DistanceMeters, 300, 6000);
            Assert.Equal(trip.DurationSeconds, (int)(trip.EndTime - trip.StartTime).TotalSeconds);
            Assert.True(sampler.Contains(trip.Start) && sampler.Contains(trip.End), $"trip {trip.TripId} leaves the territory");
            Assert.NotNull(trip.Route);
            Assert.Equal(trip.Start, trip.Route[0]);
            Assert.Equal(trip.End, trip.Route[^1]);
        }
        // Routes bend like streets: on average clearly longer than the straight line, never shorter.
        var detour = simulation.Trips.Average(t => t.DistanceMeters / Math.Max(1, TerritorySampler.DistanceMeters(t.Start, t.End)));
        Assert.InRange(detour, 1.05, 1.6);
        var median = simulation.Trips.Select(t => t.DistanceMeters).Order().ElementAt(simulation.Trips.Count / 2);
        Assert.InRange(median, 1000, 2600);
    }

    [Fact]
    public void Trip_ends_concentrate_near_hotspots()
    {
        var simulation = Week.Value;
        var nearHotspot = simulation.Trips.Count(t =>
            RouenArea.Hotspots.Any(h => TerritorySampler.DistanceMeters(h.Location, t.End) < 500));
        // Eight 500 m discs cover under 2 % of the 22 km x 21 km box: uniform ends would almost never be that close.
        Assert.True(nearHotspot > simulation.Trips.Count * 0.3, $"{nearHotspot} of {simulation.Trips.Count} trip ends near a hotspot");
    }

    [Fact]
    public void Vehicle_events_follow_the_mds_state_machine()
    {
        var simulation = Week.Value;
        var allowedTypes = new Dictionary<string, string[]>
        {
            ["available"] = ["provider_drop_off", "trip_end", "reservation_cancel", "battery_charged"],
            ["reserved"] = ["reservation_start"],
            ["on_trip"] = ["trip_start"],
            ["non_operational"] = ["battery_low"],
            ["removed"] = ["rebalance_pick_up", "maintenance_pick_up"],
        };
        var allowedTransitions = new HashSet<(string, string)>
        {
            ("removed", "available"), ("available", "reserved"), ("available", "on_trip"), ("reserved", "on_trip"),
            ("reserved", "available"), ("on_trip", "available"), ("available", "non_operational"),
            ("non_operational", "available"), ("available", "removed"), ("non_operational", "removed"),
        };
        var tripIds = simulation.Trips.Select(t => t.TripId).ToHashSet();
        foreach (var vehicleEvents in simulation.Events.GroupBy(e => e.DeviceId))
        {
            var ordered = vehicleEvents.ToList();
            Assert.Equal("provider_drop_off", ordered[0].EventTypes.Single());
            for (var i = 0; i < ordered.Count; i++)
            {
                var current = ordered[i];
                Assert.Contains(current.EventTypes.Single(), allowedTypes[current.VehicleState]);
                if (current.EventTypes[0] is "trip_start" or "trip_end")
                {
                    Assert.True(current.TripIds is [var id] && tripIds.Contains(id), "trip events name their trip");
                }
                if (i > 0)
                {
                    var previous = ordered[i - 1];
                    Assert.True(previous.Timestamp < current.Timestamp, "events of a vehicle are strictly ordered");
                    Assert.Contains((previous.VehicleState, current.VehicleState), allowedTransitions);
                }
            }
        }
        Assert.Contains(simulation.Events, e => e.EventTypes[0] == "battery_low");
        Assert.Contains(simulation.Events, e => e.EventTypes[0] == "battery_charged");
        Assert.Contains(simulation.Events, e => e.EventTypes[0] == "reservation_cancel");
    }

    [Fact]
    public void Telemetry_traces_each_trip_within_its_time()
    {
        var simulation = MdsSimulator.Simulate(Request(Monday, Monday.AddDays(1)));
        var trips = simulation.Trips.ToDictionary(t => t.TripId);
        Assert.NotEmpty(simulation.Telemetry);
        foreach (var point in simulation.Telemetry)
        {
            var trip = trips[point.TripId!.Value];
            Assert.Equal(trip.DeviceId, point.DeviceId);
            Assert.InRange(point.Timestamp, trip.StartTime, trip.EndTime);
        }
        Assert.All(trips.Values, t => Assert.Contains(simulation.Telemetry, p => p.TripId == t.TripId && p.Location == t.Start));
    }

    [Fact]
    public void Weekday_demand_peaks_at_commute_hours_and_weekends_in_the_afternoon()
    {
        var paris = SimulationDefaults.FrenchTimeZone;
        var byHour = Week.Value.Trips
            .Select(t => TimeZoneInfo.ConvertTime(t.StartTime, paris))
            .GroupBy(local => (Weekend: local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, local.Hour))
            .ToDictionary(g => g.Key, g => g.Count());
        int Count(bool weekend, int hour) => byHour.GetValueOrDefault((weekend, hour));

        Assert.True(Count(false, 8) > 1.5 * Count(false, 10), "weekday morning peak");
        Assert.True(Count(false, 18) > 1.5 * Count(false, 10), "weekday evening peak");
        Assert.True(Count(true, 15) > 2 * Count(true, 8), "weekend afternoon above weekend morning");
        Assert.Equal(0, Count(false, 3) + Count(false, 4) + Count(true, 3) + Count(true, 4));
    }

    [Fact]
    public void Nothing_is_emitted_outside_the_requested_window()
    {
        var from = Monday.AddHours(10.5);
        var to = from.AddHours(5);
        var simulation = MdsSimulator.Simulate(Request(from, to));
        Assert.NotEmpty(simulation.Trips);
        Assert.All(simulation.Events, e => Assert.InRange(e.Timestamp, from, to.AddTicks(-1)));
        Assert.All(simulation.Telemetry, p => Assert.InRange(p.Timestamp, from, to.AddTicks(-1)));
        Assert.All(simulation.Trips, t => Assert.True(t.StartTime >= from && t.EndTime < to));
    }

    [Fact]
    public void Timestamps_are_whole_milliseconds()
    {
        var simulation = MdsSimulator.Simulate(Request(Monday, Monday.AddDays(1)));
        Assert.All(simulation.Events, e => Assert.Equal(0, e.Timestamp.UtcTicks % TimeSpan.TicksPerMillisecond));
        Assert.All(simulation.Trips, t => Assert.Equal(0, t.StartTime.UtcTicks % TimeSpan.TicksPerMillisecond));
    }

    private static string Payloads(MdsSimulation simulation)
    {
        using var stream = new MemoryStream();
        MdsPayloadWriter.WriteEvents(stream, simulation.Events);
        MdsPayloadWriter.WriteTrips(stream, simulation.Trips);
        MdsPayloadWriter.WriteTelemetry(stream, simulation.Telemetry);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
