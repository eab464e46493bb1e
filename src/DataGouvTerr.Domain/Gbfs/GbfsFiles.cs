namespace DataGouvTerr.Domain.Gbfs;

/// <summary>The GBFS file names the hub reads, as they appear in the <c>name</c> of a discovery feed entry.</summary>
public static class GbfsFiles
{
    public const string Discovery = "gbfs";
    public const string Manifest = "manifest";
    public const string SystemInformation = "system_information";
    public const string StationInformation = "station_information";
    public const string StationStatus = "station_status";
    /// <summary>3.0 name of the free-floating vehicles file.</summary>
    public const string VehicleStatus = "vehicle_status";
    /// <summary>2.x name of <see cref="VehicleStatus"/>.</summary>
    public const string FreeBikeStatus = "free_bike_status";
    public const string VehicleTypes = "vehicle_types";
    public const string GeofencingZones = "geofencing_zones";
    public const string SystemPricingPlans = "system_pricing_plans";

    /// <summary>Files polled after discovery; others listed in gbfs.json (alerts, hours…) are not read.</summary>
    public static readonly IReadOnlyList<string> Polled =
    [
        SystemInformation, StationInformation, StationStatus, VehicleStatus, FreeBikeStatus,
        VehicleTypes, GeofencingZones, SystemPricingPlans,
    ];
}

/// <summary>Stable codes of the GBFS notices, shared by readers, schema validation and sanity rules.</summary>
public static class GbfsNoticeCodes
{
    public const string InvalidJson = "invalid_json";
    public const string MissingField = "missing_field";
    public const string WrongType = "wrong_type";
    public const string SchemaViolation = "schema_violation";
    public const string SchemaViolationsTruncated = "schema_violations_truncated";
    public const string MissingVersion = "missing_version";
    public const string UnsupportedVersion = "unsupported_version";
    public const string NonStandardField = "non_standard_field";
    public const string MissingRequiredFile = "missing_required_file";
    public const string NoAvailabilityFile = "no_availability_file";
    public const string StaleLastUpdated = "stale_last_updated";
    public const string TimestampInMilliseconds = "timestamp_in_milliseconds";
    public const string TimestampInFuture = "timestamp_in_future";
    public const string ImpossibleStationCounts = "impossible_station_counts";
    public const string UnknownStation = "unknown_station";
    public const string VehicleOutsideTerritory = "vehicle_outside_territory";
    public const string StationOutsideTerritory = "station_outside_territory";
    public const string InvalidCoordinates = "invalid_coordinates";
    public const string InvalidGeometry = "invalid_geometry";
    public const string HttpError = "http_error";
    public const string PayloadTooLarge = "payload_too_large";
    public const string SystemError = "system_error";
}
