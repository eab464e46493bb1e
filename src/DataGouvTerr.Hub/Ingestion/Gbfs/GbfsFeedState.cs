namespace DataGouvTerr.Hub.Ingestion.Gbfs;

public enum GbfsFeedStatus
{
    /// <summary>Never polled yet.</summary>
    Unknown,
    /// <summary>Last poll ingested a snapshot without error notices.</summary>
    Ok,
    /// <summary>Last poll ingested a snapshot, with error notices (schema, sanity).</summary>
    Degraded,
    /// <summary>Last poll could not ingest: fetch failed or files unreadable; the previous snapshot stays current.</summary>
    Failing,
}

/// <summary>Where one GBFS feed stands: its version, when it was last polled and ingested, and the last count feed health compares against.</summary>
public sealed class GbfsFeedState
{
    public required string FeedId { get; set; }
    public string? DiscoveryUrl { get; set; }
    public string? Version { get; set; }
    public string? SystemName { get; set; }
    public GbfsFeedStatus Status { get; set; }
    public DateTime? LastPolledAt { get; set; }
    /// <summary>Fetch time of the snapshot currently stored.</summary>
    public DateTime? LastIngestedAt { get; set; }
    public int? LastVehiclesAvailable { get; set; }
    /// <summary>SHA-256 of the availability files of the stored snapshot: an identical fetch is skipped.</summary>
    public string? SnapshotHash { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// The last good copy of one file of a feed, with its HTTP validators and ttl. The next snapshot is built from
/// these copies, so a file that is not due (ttl) or answers 304 still contributes its last content.
/// </summary>
public sealed class GbfsFileState
{
    public required string FeedId { get; set; }
    public required string FileName { get; set; }
    public required string Url { get; set; }
    public string? ETag { get; set; }
    public DateTime? LastModified { get; set; }
    public DateTime? LastFetchedAt { get; set; }
    public int TtlSeconds { get; set; }
    public DateTime? LastUpdated { get; set; }
    public byte[]? Content { get; set; }
}

/// <summary>A docking station of a GBFS feed as last published; the position is a WGS84 point.</summary>
public sealed class GbfsStationRecord
{
    public required string FeedId { get; set; }
    public required string StationId { get; set; }
    public string? Name { get; set; }
    public required NetTopologySuite.Geometries.Point Location { get; set; }
    public int? Capacity { get; set; }
    public bool IsVirtual { get; set; }
}

/// <summary>A geofencing zone of a GBFS feed as last published (WGS84 polygon or multipolygon).</summary>
public sealed class GbfsGeofencingZoneRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public string? Name { get; set; }
    public required NetTopologySuite.Geometries.Geometry Area { get; set; }
}

/// <summary>Availability of one station in one time bin: the last snapshot observed in the bin.</summary>
public sealed class GbfsStationAvailabilityRecord
{
    public required string FeedId { get; set; }
    public required string StationId { get; set; }
    public DateTime BinStart { get; set; }
    public DateTime ObservedAt { get; set; }
    public int VehiclesAvailable { get; set; }
    public int DocksAvailable { get; set; }
    public int VehiclesDisabled { get; set; }
    public int DocksDisabled { get; set; }
}

/// <summary>Availability summed over one zone of the contract's zoning in one time bin (last snapshot in the bin).</summary>
public sealed class GbfsZoneAvailabilityRecord
{
    public required string FeedId { get; set; }
    public required string ZoningId { get; set; }
    public required string ZoneCode { get; set; }
    public DateTime BinStart { get; set; }
    public DateTime ObservedAt { get; set; }
    public int VehiclesAvailable { get; set; }
    public int DocksAvailable { get; set; }
    public int VehiclesDisabled { get; set; }
}

/// <summary>
/// A raw file as fetched, stored only when its bytes differ from the previous copy (a copy stands until the next one of
/// the same file), kept for the feed's retention (contract <c>retention_days</c>) and then purged.
/// </summary>
public sealed class GbfsRawFileRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public required string FileName { get; set; }
    public DateTime FetchedAt { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A notice of the last poll of a feed (the notices of earlier polls are replaced).</summary>
public sealed class GbfsNoticeRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public DateTime PolledAt { get; set; }
    public required string Code { get; set; }
    public required string Severity { get; set; }
    public required string Source { get; set; }
    public string? Path { get; set; }
    public string? Field { get; set; }
    public string? Value { get; set; }
    public required string Message { get; set; }
}

/// <summary>
/// A feed health incident (HTTP failure, staleness, sudden drop, unreadable files): open while the condition
/// lasts (<see cref="EndedAt"/> null), closed by the first poll without it. Obligations are judged on these.
/// </summary>
public sealed class GbfsIncidentRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public required string Kind { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public required string Detail { get; set; }
    /// <summary>Count drop: vehicles available before the drop; the incident ends when the count is back near it.</summary>
    public int? Baseline { get; set; }
}
