using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>What to simulate: where (a WGS84 polygon and its hotspots), when, how big a fleet, and the seed.</summary>
public sealed record MdsSimulationRequest
{
    /// <summary>The territory; every generated point lies inside it.</summary>
    public required Geometry Territory { get; init; }
    /// <summary>Where trips concentrate; when empty, hotspots are derived from the territory (centre plus a few points).</summary>
    public IReadOnlyList<Hotspot> Hotspots { get; init; } = [];
    public required DateTimeOffset From { get; init; }
    /// <summary>Exclusive end: nothing is emitted at or after this instant.</summary>
    public required DateTimeOffset To { get; init; }
    public int VehicleCount { get; init; } = 100;
    public int Seed { get; init; } = 1;
    public Guid ProviderId { get; init; } = SimulationDefaults.ProviderId;
    /// <summary>Mean trips per vehicle on a weekday; shared scooters in French cities do 2–6.</summary>
    public double TripsPerVehiclePerDay { get; init; } = 3.5;
    /// <summary>Seconds between telemetry points during a trip (MDS asks for frequent points; 30 s keeps samples small).</summary>
    public int TelemetryIntervalSeconds { get; init; } = 30;
    /// <summary>Local time of the territory, used for the demand shape and the night collection.</summary>
    public TimeZoneInfo TimeZone { get; init; } = SimulationDefaults.FrenchTimeZone;
    public DemandProfile Demand { get; init; } = DemandProfile.Default;
    /// <summary>MDS <c>vehicle_type</c> of the whole fleet (<c>scooter_standing</c>, <c>bicycle</c>…).</summary>
    public string VehicleType { get; init; } = "scooter_standing";
    /// <summary>MDS <c>propulsion_types</c> of the whole fleet.</summary>
    public IReadOnlyList<string> PropulsionTypes { get; init; } = ["electric"];
    /// <summary>Prefix of the printed vehicle ids (<c>SC0001</c>…), so two simulated operators are told apart at a glance.</summary>
    public string VehicleIdPrefix { get; init; } = "SC";
    public int MaximumSpeedKph { get; init; } = 25;
    /// <summary>
    /// False to emit no telemetry at all (trips and events only): a benchmark that only reads trips saves most of the
    /// time and memory, and the draws of trips and events are the same either way (telemetry uses its own stream).
    /// </summary>
    public bool EmitTelemetry { get; init; } = true;
}

/// <summary>Defaults shared by the simulators and the demo (<c>DemoMobility</c>).</summary>
public static class SimulationDefaults
{
    /// <summary>The provider id of the sample contract's <c>mds-scoot</c> feed.</summary>
    public static readonly Guid ProviderId = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");

    /// <summary>Europe/Paris when the system has tz data, otherwise a fixed UTC+1 (demand shapes shift by an hour in summer).</summary>
    public static TimeZoneInfo FrenchTimeZone { get; } = FindFrenchTimeZone();

    private static TimeZoneInfo FindFrenchTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+1", TimeSpan.FromHours(1), "UTC+1", "UTC+1");
        }
    }
}
