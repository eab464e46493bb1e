namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// The MDS 2.0 <c>gps</c> location model (data-types/gps.yaml): WGS84 decimal degrees plus what the chipset
/// reports. Not a GeoJSON point: MDS events, telemetry and trips all carry this shape.
/// </summary>
public sealed record MdsGps(
    double Lat,
    double Lng,
    double? Altitude = null,
    double? Heading = null,
    double? Speed = null,
    double? HorizontalAccuracy = null,
    double? VerticalAccuracy = null,
    int? Satellites = null);

/// <summary>An MDS 2.0 vehicle (models/vehicle.yaml): properties of a device that change rarely.</summary>
public sealed record MdsVehicle
{
    public required Guid DeviceId { get; init; }
    public required Guid ProviderId { get; init; }
    public Guid? DataProviderId { get; init; }
    public required string VehicleId { get; init; }
    public required string VehicleType { get; init; }
    public required IReadOnlyList<string> PropulsionTypes { get; init; }
    public long? BatteryCapacity { get; init; }
    public long? FuelCapacity { get; init; }
    public long? MaximumSpeed { get; init; }
    /// <summary>Raw JSON of <c>vehicle_attributes</c>, kept as sent.</summary>
    public string? VehicleAttributesJson { get; init; }
    /// <summary>Raw JSON of <c>accessibility_attributes</c>, kept as sent.</summary>
    public string? AccessibilityAttributesJson { get; init; }
}

/// <summary>An MDS 2.0 vehicle event (models/event.yaml): a change of vehicle state, timestamps in ms since the epoch.</summary>
public sealed record MdsEvent
{
    public required Guid DeviceId { get; init; }
    public required Guid ProviderId { get; init; }
    public Guid? DataProviderId { get; init; }
    public required Guid EventId { get; init; }
    public required string VehicleState { get; init; }
    /// <summary>Ordered event types; the state after the last one is <see cref="VehicleState"/>.</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }
    public required long TimestampMs { get; init; }
    public long? PublicationTimeMs { get; init; }
    public MdsGps? Location { get; init; }
    public IReadOnlyList<Guid> EventGeographies { get; init; } = [];
    public int? BatteryPercent { get; init; }
    public int? FuelPercent { get; init; }
    public IReadOnlyList<Guid> TripIds { get; init; } = [];
    public string? AssociatedTicket { get; init; }
}

/// <summary>An MDS 2.0 telemetry point (models/telemetry.yaml).</summary>
public sealed record MdsTelemetry
{
    public required Guid DeviceId { get; init; }
    public required Guid ProviderId { get; init; }
    public Guid? DataProviderId { get; init; }
    public required Guid TelemetryId { get; init; }
    public required long TimestampMs { get; init; }
    /// <summary>Trips the point belongs to; empty when the spec's <c>null</c> (not on a trip) was sent.</summary>
    public IReadOnlyList<Guid> TripIds { get; init; } = [];
    public Guid? JourneyId { get; init; }
    public Guid? StopId { get; init; }
    public required MdsGps Location { get; init; }
    public string? LocationType { get; init; }
    public int? BatteryPercent { get; init; }
    public int? FuelPercent { get; init; }
    public bool? TippedOver { get; init; }
}

/// <summary>An MDS 2.0 trip (models/trip.yaml): duration in seconds, distance in metres, times in ms.</summary>
public sealed record MdsTrip
{
    public required Guid ProviderId { get; init; }
    public Guid? DataProviderId { get; init; }
    public required Guid DeviceId { get; init; }
    public required Guid TripId { get; init; }
    public IReadOnlyList<string> TripType { get; init; } = [];
    public required long StartTimeMs { get; init; }
    public required long EndTimeMs { get; init; }
    public required MdsGps StartLocation { get; init; }
    public required MdsGps EndLocation { get; init; }
    public required long DurationSeconds { get; init; }
    public required long DistanceMeters { get; init; }
    public long? PublicationTimeMs { get; init; }
    public string? ParkingCategory { get; init; }
    public string? ParkingVerificationUrl { get; init; }
    public long? StandardCost { get; init; }
    public long? ActualCost { get; init; }
    public string? Currency { get; init; }
    /// <summary>Raw JSON of <c>trip_attributes</c>, <c>fare_attributes</c> and <c>accessibility_attributes</c> when sent.</summary>
    public string? AttributesJson { get; init; }
}
