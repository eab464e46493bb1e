using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// One stored MDS vehicle event. Unique on <c>event_id</c> (the spec's "unique event ID"): the same event sent twice
/// (a retry, or push and pull of it) is stored once; the same id with another body is a conflict, quarantined. Two
/// events of one device at one timestamp with different ids are both kept and flagged <c>same_device_time</c>.
/// </summary>
public sealed class MdsEventRecord : IMdsItemRow
{
    public long Id { get; set; }
    /// <summary>The contract feed (e.g. <c>mds-scoot</c>) the event arrived through.</summary>
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid? DataProviderId { get; set; }
    public Guid DeviceId { get; set; }
    public Guid EventId { get; set; }
    public required string VehicleState { get; set; }
    /// <summary>Comma-separated <c>event_types</c>, in the order sent (the order is meaningful in MDS).</summary>
    public required string EventTypes { get; set; }
    public long TimestampMs { get; set; }
    public long? PublicationTimeMs { get; set; }
    /// <summary>WGS84 point of the <c>location</c> gps object; null for geography-driven events.</summary>
    public Point? Location { get; set; }
    /// <summary>Comma-separated geography UUIDs.</summary>
    public string? EventGeographies { get; set; }
    public int? BatteryPercent { get; set; }
    public int? FuelPercent { get; set; }
    /// <summary>Comma-separated trip UUIDs.</summary>
    public string? TripIds { get; set; }
    public string? AssociatedTicket { get; set; }
    /// <summary>Comma-separated sanity flags (<c>outside_territory</c>, <c>invalid_transition</c>); null when clean.</summary>
    public string? Flags { get; set; }
    /// <summary>When the hub committed the row (hub clock, ms): with <see cref="TimestampMs"/> it gives the lag.</summary>
    public long ReceivedAtMs { get; set; }
    /// <summary><c>push</c> (Agency API) or <c>pull</c> (Provider API).</summary>
    public required string Source { get; set; }
    /// <summary>See <see cref="MdsBodyHash"/>: tells a repeat of this event from a conflicting one with its id.</summary>
    public long BodyHash { get; set; }

    Guid IMdsItemRow.ItemId => EventId;
    long? IMdsItemRow.InstantMs => TimestampMs;
}
