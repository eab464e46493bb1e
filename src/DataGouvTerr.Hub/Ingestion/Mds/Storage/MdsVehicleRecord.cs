namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// A registered MDS vehicle (Agency <c>POST/PUT /vehicles</c>), one row per <c>device_id</c>. Also keeps the vehicle's
/// last known state so the next events can be judged against the MDS state machine without scanning the events.
/// Times are milliseconds since the epoch, like MDS, so they compare in SQL on both providers.
/// </summary>
public sealed class MdsVehicleRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid DeviceId { get; set; }
    public Guid? DataProviderId { get; set; }
    public required string VehicleId { get; set; }
    public required string VehicleType { get; set; }
    /// <summary>Comma-separated <c>propulsion_types</c>, in the order sent.</summary>
    public required string PropulsionTypes { get; set; }
    public long? BatteryCapacity { get; set; }
    public long? FuelCapacity { get; set; }
    public long? MaximumSpeed { get; set; }
    public string? VehicleAttributesJson { get; set; }
    public string? AccessibilityAttributesJson { get; set; }
    public long RegisteredAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
    /// <summary><c>vehicle_state</c> of the latest event received (by event time), null before any event.</summary>
    public string? LastVehicleState { get; set; }
    public long? LastEventTimestampMs { get; set; }
}
