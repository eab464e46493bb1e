using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>State of one GTFS feed of the contract: its current version and how the last attempts went.</summary>
public sealed class GtfsFeedState
{
    public required string FeedId { get; set; }
    public long? CurrentVersionId { get; set; }
    public GtfsFeedStatus Status { get; set; } = GtfsFeedStatus.Ok;
    public string? LastSha256 { get; set; }
    public string? LastETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
}

/// <summary>Health of a GTFS feed as the ingestion job last saw it.</summary>
public enum GtfsFeedStatus
{
    Ok,
    Invalid,
    Failing,
}

/// <summary>One fetched version of a GTFS feed with its validation summary; loaded versions have their rows in the store.</summary>
public sealed class GtfsFeedVersion
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public bool Loaded { get; set; }
    /// <summary>Why the version was not loaded (invalid feed, unreadable zip); null when loaded.</summary>
    public string? RejectedReason { get; set; }
    public long ErrorCount { get; set; }
    public long WarningCount { get; set; }
    public long InfoCount { get; set; }
    public DateOnly? FeedStartDate { get; set; }
    public DateOnly? FeedEndDate { get; set; }
    public int StopCount { get; set; }
    public int StopTimeCount { get; set; }
    /// <summary>The validator's JSON report, served under product feed-reports.</summary>
    public string? ReportJson { get; set; }
}

/// <summary>A stop of a loaded feed version.</summary>
public sealed class GtfsStopRecord
{
    public long VersionId { get; set; }
    public required string StopId { get; set; }
    public string StopName { get; set; } = "";
    public int LocationType { get; set; }
    /// <summary>
    /// A WGS84 point, typed Geometry so PostGIS gets a geometry(Geometry) column: SpatialQuery compares it with
    /// polygon constants, which a geometry(Point) typmod rejects.
    /// </summary>
    public Geometry? Location { get; set; }
}

/// <summary>A route of a loaded feed version.</summary>
public sealed class GtfsRouteRecord
{
    public long VersionId { get; set; }
    public required string RouteId { get; set; }
    public string ShortName { get; set; } = "";
    public string LongName { get; set; } = "";
    public int RouteType { get; set; }
}

/// <summary>A trip of a loaded feed version.</summary>
public sealed class GtfsTripRecord
{
    public long VersionId { get; set; }
    public required string TripId { get; set; }
    public required string RouteId { get; set; }
    public required string ServiceId { get; set; }
    public int? DirectionId { get; set; }
}

/// <summary>A stop_time of a loaded feed version; times in seconds since the service day's noon minus 12h (may pass 24h).</summary>
public sealed class GtfsStopTimeRecord
{
    public long VersionId { get; set; }
    public required string TripId { get; set; }
    public int StopSequence { get; set; }
    public required string StopId { get; set; }
    public int? ArrivalSeconds { get; set; }
    public int? DepartureSeconds { get; set; }
}
