using DataGouvTerr.Domain.Mds.Simulation;

namespace DataGouvTerr.Domain.Demo;

/// <summary>
/// The demo's synthetic micromobility in the Rouen sample territory: two fictional MDS operators (shared e-scooters
/// of <c>scoot-normandie</c>, free-floating e-bikes of <c>cyclo-seine</c>) simulated vehicle by vehicle by
/// <see cref="MdsSimulator"/> (state machine, weekday and weekend demand shapes, night collection, battery swaps).
/// Deterministic: the same days and seed give the same trips, events and telemetry. The hub loads it into an empty
/// store for the demo (<c>demo load</c>); benchmarks call <see cref="Generate"/> or <see cref="Trips"/> directly.
/// <para>
/// Volume (assumptions, see the README's "Demo data"): Métropole Rouen Normandie has about 490,000 inhabitants; the
/// demo gives it 650 shared vehicles (≈ 1.3 per 1,000 inhabitants), 400 scooters at 2.6 trips per vehicle per
/// weekday (France 2020: 1.4 M trips a month on 18,200 shared scooters, Fluctuo) and 250 e-bikes at 2.0, which
/// gives about 1,400 trips on a weekday after demand lost to flat batteries.
/// </para>
/// </summary>
public static class DemoMobility
{
    /// <summary>The seed the hub uses when none is configured.</summary>
    public const int DefaultSeed = 2026;

    /// <summary>How many local days the demo covers, ending yesterday.</summary>
    public const int DefaultDays = 14;

    /// <summary>Telemetry during trips every two minutes: sparse (MDS asks for more) to keep the demo's start-up short.</summary>
    public const int DefaultTelemetryIntervalSeconds = 120;

    /// <summary>The provider id of the sample contract's <c>mds-cyclo</c> feed.</summary>
    public static readonly Guid CycloProviderId = Guid.Parse("3c9e5a71-0d4b-4f2a-8e6c-5b7d9f1a2c3e");

    /// <summary>The two operators of the sample contract that provide MDS feeds.</summary>
    public static IReadOnlyList<DemoOperator> Operators { get; } =
    [
        new("scoot-normandie", "mds-scoot", SimulationDefaults.ProviderId, "scooter_standing", ["electric"], "SC", 25,
            FleetSize: 400, TripsPerVehiclePerWeekday: 2.6, RouenArea.Hotspots),
        new("cyclo-seine", "mds-cyclo", CycloProviderId, "bicycle", ["electric_assist"], "CY", 25,
            FleetSize: 250, TripsPerVehiclePerWeekday: 2.0, EbikeHotspots),
    ];

    /// <summary>
    /// E-bikes climb: besides the centre and the station they serve the plateaus (campus, Bois-Guillaume, the CHU) and
    /// the left-bank towns further out (Madrillet campus). Approximate positions of real places.
    /// </summary>
    private static IReadOnlyList<Hotspot> EbikeHotspots =>
    [
        new("Gare Rouen Rive Droite", new GpsPoint(49.4489, 1.0937), 2.5),
        new("Hôtel de Ville", new GpsPoint(49.4431, 1.0993), 2.0),
        new("CHU Charles-Nicolle", new GpsPoint(49.4417, 1.1106), 1.5),
        new("Campus Mont-Saint-Aignan", new GpsPoint(49.4594, 1.0672), 2.0),
        new("Bois-Guillaume centre", new GpsPoint(49.4600, 1.1200), 1.0),
        new("Saint-Sever", new GpsPoint(49.4297, 1.0875), 1.5),
        new("Le Petit-Quevilly", new GpsPoint(49.4240, 1.0590), 0.8),
        new("Campus du Madrillet", new GpsPoint(49.3840, 1.0670), 0.8),
    ];

    /// <summary>The demo's days: the <paramref name="days"/> local days before <paramref name="today"/> (yesterday last).</summary>
    public static (DateOnly From, DateOnly To) DaysBefore(DateOnly today, int days = DefaultDays) => (today.AddDays(-days), today.AddDays(-1));

    /// <summary>
    /// Simulates both operators from local midnight of <paramref name="from"/> to the end of <paramref name="to"/>
    /// (inclusive, Europe/Paris days). Trips with their start and end points and times are in
    /// <see cref="DemoOperatorData.Simulation"/>; <paramref name="telemetryIntervalSeconds"/> 0 emits no telemetry
    /// (the trips and events are the same either way).
    /// </summary>
    public static IReadOnlyList<DemoOperatorData> Generate(DateOnly from, DateOnly to, int seed,
        int telemetryIntervalSeconds = DefaultTelemetryIntervalSeconds, double fleetScale = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        ArgumentOutOfRangeException.ThrowIfNegative(telemetryIntervalSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fleetScale);
        var zone = SimulationDefaults.FrenchTimeZone;
        var start = LocalMidnight(from, zone);
        var end = LocalMidnight(to.AddDays(1), zone);
        var result = new List<DemoOperatorData>(Operators.Count);
        for (var i = 0; i < Operators.Count; i++)
        {
            var op = Operators[i];
            var request = new MdsSimulationRequest
            {
                Territory = RouenArea.Polygon,
                Hotspots = op.Hotspots,
                From = start,
                To = end,
                VehicleCount = Math.Max(1, (int)Math.Round(op.FleetSize * fleetScale)),
                // Each operator its own stream, so adding an operator leaves the others' data unchanged.
                Seed = unchecked((seed * 31) + i + 1),
                ProviderId = op.ProviderId,
                TripsPerVehiclePerDay = op.TripsPerVehiclePerWeekday,
                TelemetryIntervalSeconds = Math.Max(1, telemetryIntervalSeconds),
                EmitTelemetry = telemetryIntervalSeconds > 0,
                TimeZone = zone,
                VehicleType = op.VehicleType,
                PropulsionTypes = op.PropulsionTypes,
                VehicleIdPrefix = op.VehicleIdPrefix,
                MaximumSpeedKph = op.MaximumSpeedKph,
            };
            result.Add(new DemoOperatorData(op, MdsSimulator.Simulate(request)));
        }
        return result;
    }

    /// <summary>Just the trips of both operators (start and end points and times), in start time order: what a benchmark reads.</summary>
    public static IReadOnlyList<SimulatedTrip> Trips(DateOnly from, DateOnly to, int seed) =>
        [.. Generate(from, to, seed, telemetryIntervalSeconds: 0).SelectMany(o => o.Simulation.Trips).OrderBy(t => t.StartTime).ThenBy(t => t.TripId)];

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
}
