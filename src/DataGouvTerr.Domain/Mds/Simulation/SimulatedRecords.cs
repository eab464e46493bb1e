namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>A WGS84 position as MDS 2.0 writes it (the <c>gps</c> model: <c>lat</c>, <c>lng</c>), not a GeoJSON point.</summary>
public readonly record struct GpsPoint(double Lat, double Lng);

/// <summary>A simulated vehicle, shaped like the MDS 2.0 <c>vehicle</c> model (micromobility mode).</summary>
public sealed record SimulatedVehicle(
    Guid DeviceId,
    Guid ProviderId,
    string VehicleId,
    string VehicleType,
    IReadOnlyList<string> PropulsionTypes,
    int BatteryCapacityMah,
    int MaximumSpeedKph);

/// <summary>A simulated vehicle event (MDS 2.0 <c>event</c>): the state the vehicle enters and why.</summary>
public sealed record SimulatedEvent(
    Guid DeviceId,
    Guid ProviderId,
    Guid EventId,
    string VehicleState,
    IReadOnlyList<string> EventTypes,
    DateTimeOffset Timestamp,
    GpsPoint Location,
    int BatteryPercent,
    IReadOnlyList<Guid>? TripIds);

/// <summary>A simulated telemetry point (MDS 2.0 <c>telemetry</c>); <c>TripId</c> is null when parked.</summary>
public sealed record SimulatedTelemetry(
    Guid DeviceId,
    Guid ProviderId,
    Guid TelemetryId,
    DateTimeOffset Timestamp,
    GpsPoint Location,
    Guid? TripId,
    int BatteryPercent,
    double SpeedMetersPerSecond,
    double Heading);

/// <summary>
/// A simulated trip (MDS 2.0 <c>trip</c>). <see cref="Route"/> holds the path the telemetry follows; MDS 2.0 trips
/// have no route field (1.x had one), so it is not written to trips.json and is null from the fast generator.
/// </summary>
public readonly record struct SimulatedTrip(
    Guid TripId,
    Guid DeviceId,
    Guid ProviderId,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    GpsPoint Start,
    GpsPoint End,
    int DurationSeconds,
    int DistanceMeters,
    IReadOnlyList<GpsPoint>? Route);

/// <summary>Everything one simulation run produced, each list in time order.</summary>
public sealed record MdsSimulation(
    IReadOnlyList<SimulatedVehicle> Vehicles,
    IReadOnlyList<SimulatedEvent> Events,
    IReadOnlyList<SimulatedTelemetry> Telemetry,
    IReadOnlyList<SimulatedTrip> Trips);
