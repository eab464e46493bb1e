using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>A docking station (or virtual station) from <c>station_information</c>; WGS84 coordinates.</summary>
public sealed record GbfsStation(string StationId, string? Name, double Longitude, double Latitude, int? Capacity, bool IsVirtual);

/// <summary>One station's availability from <c>station_status</c>.</summary>
public sealed record GbfsStationStatus(
    string StationId,
    int VehiclesAvailable,
    int? DocksAvailable,
    int VehiclesDisabled,
    int DocksDisabled,
    bool IsInstalled,
    bool IsRenting,
    bool IsReturning,
    DateTimeOffset? LastReported);

/// <summary>
/// One vehicle from <c>vehicle_status</c>/<c>free_bike_status</c>. Deliberately without its id: ids rotate after
/// each trip by spec (privacy), so the hub never keeps them and never follows a vehicle across snapshots.
/// </summary>
public sealed record GbfsVehicle(double? Longitude, double? Latitude, string? StationId, string? VehicleTypeId, bool IsReserved, bool IsDisabled)
{
    public bool IsFreeFloating => StationId is null && Longitude is not null && Latitude is not null;
}

/// <summary>The parts of <c>system_information</c> the hub keeps.</summary>
public sealed record GbfsSystemInformation(string? SystemId, string? Name, string? Timezone, string? OperatorName);

/// <summary>A geofencing zone (WGS84 polygon or multipolygon) with its name when given.</summary>
public sealed record GbfsGeofencingZone(string? Name, Geometry Area);

/// <summary>A vehicle type from <c>vehicle_types</c>: id and form factor (bicycle, scooter…).</summary>
public sealed record GbfsVehicleType(string VehicleTypeId, string? FormFactor, string? PropulsionType);
