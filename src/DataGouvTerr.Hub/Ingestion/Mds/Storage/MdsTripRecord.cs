using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>One stored MDS trip; unique on <c>trip_id</c>. Duration in seconds and distance in metres, as MDS sends them.</summary>
public sealed class MdsTripRecord : IMdsItemRow
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid? DataProviderId { get; set; }
    public Guid DeviceId { get; set; }
    public Guid TripId { get; set; }
    /// <summary>Comma-separated <c>trip_type</c> (micromobility: at most one of rider, rebalance, maintenance).</summary>
    public string? TripType { get; set; }
    public long StartTimeMs { get; set; }
    public long EndTimeMs { get; set; }
    public required Point StartLocation { get; set; }
    public required Point EndLocation { get; set; }
    public long DurationSeconds { get; set; }
    public long DistanceMeters { get; set; }
    public long? PublicationTimeMs { get; set; }
    public string? ParkingCategory { get; set; }
    public string? ParkingVerificationUrl { get; set; }
    public long? StandardCost { get; set; }
    public long? ActualCost { get; set; }
    public string? Currency { get; set; }
    /// <summary>trip_attributes, fare_attributes and accessibility_attributes as one JSON object, when sent.</summary>
    public string? AttributesJson { get; set; }
    public string? Flags { get; set; }
    public long ReceivedAtMs { get; set; }
    public required string Source { get; set; }
    /// <summary>See <see cref="MdsBodyHash"/>.</summary>
    public long BodyHash { get; set; }

    Guid IMdsItemRow.ItemId => TripId;
    long? IMdsItemRow.InstantMs => null;
}
