using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Demo;
using DataGouvTerr.Domain.Mds.Simulation;
using Xunit.Abstractions;

namespace DataGouvTerr.Domain.Tests.Demo;

/// <summary>
/// The demo's fortnight: the volume the README states, the daily and weekly shape, both operators, determinism, and
/// the counts per cell that decided the sample contract's resolutions (printed, so the README's figures can be checked).
/// </summary>
public sealed class DemoMobilityTests(ITestOutputHelper output)
{
    // Monday 2026-11-16 to Sunday 2026-11-29: two whole weeks in winter time.
    private static readonly DateOnly From = new(2026, 11, 16);
    private static readonly DateOnly To = new(2026, 11, 29);

    private static readonly Lazy<IReadOnlyList<DemoOperatorData>> Fortnight = new(() => DemoMobility.Generate(From, To, DemoMobility.DefaultSeed));

    private static IEnumerable<SimulatedTrip> AllTrips => Fortnight.Value.SelectMany(o => o.Simulation.Trips);

    private static DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, SimulationDefaults.FrenchTimeZone);

    [Fact]
    public void Two_operators_make_about_1400_trips_on_a_weekday_and_fewer_on_sunday()
    {
        var byDay = AllTrips.GroupBy(t => DateOnly.FromDateTime(Local(t.StartTime).DateTime)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var op in Fortnight.Value)
        {
            var weekdays = op.Simulation.Trips.Where(t => Local(t.StartTime).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Count() / 10.0;
            output.WriteLine($"{op.Operator.FeedId}: {op.Simulation.Vehicles.Count} vehicles, {op.Simulation.Trips.Count} trips, " +
                             $"{weekdays:F0} per weekday ({weekdays / op.Simulation.Vehicles.Count:F2} per vehicle), " +
                             $"{op.Simulation.Events.Count} events, {op.Simulation.Telemetry.Count} telemetry points");
            Assert.All(op.Simulation.Trips, t => Assert.Equal(op.Operator.ProviderId, t.ProviderId));
        }
        output.WriteLine(string.Join(", ", byDay.OrderBy(d => d.Key).Select(d => $"{d.Key:ddd dd}: {d.Value}")));

        Assert.Equal(14, byDay.Count);
        Assert.Equal([From, To], new[] { byDay.Keys.Min(), byDay.Keys.Max() });
        var weekdayMean = byDay.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Value);
        var sundayMean = byDay.Where(d => d.Key.DayOfWeek == DayOfWeek.Sunday).Average(d => d.Value);
        Assert.InRange(weekdayMean, 1_200, 1_600);
        Assert.InRange(sundayMean, 0.6 * weekdayMean, 0.9 * weekdayMean);
    }

    [Fact]
    public void Weekdays_peak_at_commute_hours_nights_are_quiet_and_weekends_peak_in_the_afternoon()
    {
        var weekday = new int[24];
        var weekend = new int[24];
        foreach (var trip in AllTrips)
        {
            var local = Local(trip.StartTime);
            (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? weekend : weekday)[local.Hour]++;
        }
        output.WriteLine("weekday by hour: " + string.Join(" ", weekday));
        output.WriteLine("weekend by hour: " + string.Join(" ", weekend));
        var weekdayTotal = (double)weekday.Sum();
        output.WriteLine($"weekday share 8–10h {(weekday[8] + weekday[9]) / weekdayTotal:P1}, 17–20h {(weekday[17] + weekday[18] + weekday[19]) / weekdayTotal:P1}");

        Assert.True(weekday[8] > 2 * weekday[11] / 1.4 && weekday[18] > weekday[14], "weekday peaks at 8h and 18h");
        Assert.True(weekday[2] + weekday[3] + weekday[4] < weekday[8] / 5, "nights are quiet");
        Assert.Equal(0, weekday[3] + weekday[4] + weekend[3] + weekend[4]); // the fleets are collected then
        Assert.True(weekend[15] > weekend[8] * 2, "weekends rise slowly to an afternoon peak");
    }

    [Fact]
    public void The_same_days_and_seed_give_the_same_trips_and_telemetry_off_changes_no_trip()
    {
        var day = new DateOnly(2026, 11, 17);
        var a = DemoMobility.Generate(day, day, 5, fleetScale: 0.1);
        var b = DemoMobility.Generate(day, day, 5, fleetScale: 0.1);
        var other = DemoMobility.Generate(day, day, 6, fleetScale: 0.1);
        var noTelemetry = DemoMobility.Generate(day, day, 5, telemetryIntervalSeconds: 0, fleetScale: 0.1);

        Assert.Equal(a.SelectMany(o => o.Simulation.Trips).Select(t => (t.TripId, t.StartTime, t.Start, t.End)),
            b.SelectMany(o => o.Simulation.Trips).Select(t => (t.TripId, t.StartTime, t.Start, t.End)));
        Assert.NotEqual(a.SelectMany(o => o.Simulation.Trips).Select(t => t.TripId), other.SelectMany(o => o.Simulation.Trips).Select(t => t.TripId));
        Assert.Equal(a.SelectMany(o => o.Simulation.Trips).Select(t => (t.TripId, t.StartTime, t.End)),
            noTelemetry.SelectMany(o => o.Simulation.Trips).Select(t => (t.TripId, t.StartTime, t.End)));
        Assert.Equal(a.SelectMany(o => o.Simulation.Events).Count(), noTelemetry.SelectMany(o => o.Simulation.Events).Count());
        Assert.NotEmpty(a.SelectMany(o => o.Simulation.Telemetry));
        Assert.Empty(noTelemetry.SelectMany(o => o.Simulation.Telemetry));
    }

    [Fact]
    public void Trips_helper_returns_both_operators_in_start_order_inside_the_days()
    {
        var day = new DateOnly(2026, 11, 21);
        var trips = DemoMobility.Trips(day, day, 3);

        Assert.Equal(2, trips.Select(t => t.ProviderId).Distinct().Count());
        Assert.Equal(trips.OrderBy(t => t.StartTime).Select(t => t.TripId), trips.Select(t => t.TripId));
        Assert.All(trips, t => Assert.Equal(day, DateOnly.FromDateTime(Local(t.StartTime).DateTime)));
        Assert.All(trips, t => Assert.True(t.EndTime <= new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>
    /// Counts per OD cell pair in the centre, at the resolutions the sample contract could grant: what decided the
    /// métropole's grid and bin (a DP release threshold τ is about 15–30 at ε = 1, δ = 1e-6).
    /// </summary>
    [Fact]
    public void Od_counts_per_cell_fill_a_1000_m_grid_by_day_not_a_500_m_grid_by_hour()
    {
        var weekdayTrips = AllTrips.Where(t => Local(t.StartTime).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        int Above(int cell, Func<DateTimeOffset, long> bin, int threshold, out int pairs)
        {
            var counts = weekdayTrips.GroupBy(t => (Cell(t.Start, cell), Cell(t.End, cell), bin(Local(t.StartTime)))).Select(g => g.Count()).ToList();
            pairs = counts.Count;
            return counts.Count(c => c >= threshold);
        }
        static long Hour(DateTimeOffset t) => t.Ticks / TimeSpan.TicksPerHour;
        static long Day(DateTimeOffset t) => t.Ticks / TimeSpan.TicksPerDay;
        static long SixHours(DateTimeOffset t) => t.Ticks / (6 * TimeSpan.TicksPerHour);
        foreach (var (name, cell, bin) in new (string, int, Func<DateTimeOffset, long>)[]
                 { ("500 m × 1 h", 500, Hour), ("1000 m × 1 h", 1000, Hour), ("500 m × 1 d", 500, Day), ("1000 m × 6 h", 1000, SixHours), ("1000 m × 1 d", 1000, Day), ("2000 m × 1 d", 2000, Day) })
        {
            var over15 = Above(cell, bin, 15, out var pairs);
            var over30 = Above(cell, bin, 30, out _);
            var over50 = Above(cell, bin, 50, out _);
            output.WriteLine($"{name}: {pairs} non-empty cells over 10 weekdays, {over15} with ≥ 15 trips, {over30} with ≥ 30, {over50} with ≥ 50");
        }
        // What the sample contract grants the métropole follows from these counts: nothing reaches the DP release
        // threshold (τ ≈ 28 at its ε = 1, δ = 1e-6) at 500 m × 1 h, a few pairs a day at 1 km, several at 2 km by day.
        Assert.Equal(0, Above(500, Hour, 15, out _));
        Assert.True(Above(2000, Day, 30, out _) >= 5 * 10, "at least five 2 km OD pairs a weekday with 30 trips or more");
    }

    private static (long, long) Cell(GpsPoint point, int size)
    {
        var (x, y) = Lambert93Projection.Project(point.Lng, point.Lat);
        return ((long)Math.Floor(x / size), (long)Math.Floor(y / size));
    }
}
