using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// One stored MDS telemetry point; unique on <c>telemetry_id</c>. Two points of one device at one timestamp with
/// different ids are both kept (flagged <c>same_device_time</c>): dropping one would lose a point the operator then deletes.
/// </summary>
public sealed class MdsTelemetryRecord : IMdsItemRow
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid? DataProviderId { get; set; }
    public Guid DeviceId { get; set; }
    public Guid TelemetryId { get; set; }
    public long TimestampMs { get; set; }
    /// <summary>Comma-separated trip UUIDs; null when not on a trip.</summary>
    public string? TripIds { get; set; }
    public Guid? JourneyId { get; set; }
    public Guid? StopId { get; set; }
    public required Point Location { get; set; }
    public double? Altitude { get; set; }
    public double? Heading { get; set; }
    public double? Speed { get; set; }
    public double? HorizontalAccuracy { get; set; }
    public string? LocationType { get; set; }
    public int? BatteryPercent { get; set; }
    public int? FuelPercent { get; set; }
    public bool? TippedOver { get; set; }
    public string? Flags { get; set; }
    public long ReceivedAtMs { get; set; }
    public required string Source { get; set; }
    /// <summary>See <see cref="MdsBodyHash"/>.</summary>
    public long BodyHash { get; set; }

    Guid IMdsItemRow.ItemId => TelemetryId;
    long? IMdsItemRow.InstantMs => TimestampMs;
}
