using System.Text.Json;
using DataGouvTerr.Domain.Notices;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// Turns the <c>data</c> of each GBFS file into records, reading 2.x and 3.0 names alike and accepting what real
/// feeds send (numeric ids, 0/1 booleans, 2.x count names in 3.0 files). Items that cannot be used (no id, no
/// position) are skipped with a notice; the rest of the file is still read.
/// </summary>
public static class GbfsFileReader
{
    private static readonly JsonSerializerOptions GeoJsonOptions = CreateGeoJsonOptions();

    public static IReadOnlyList<GbfsStation> ReadStations(GbfsEnvelope envelope, GbfsNoticeCollector notices)
    {
        var stations = new List<GbfsStation>();
        var index = 0;
        foreach (var item in GbfsJson.Array(envelope.Data, "stations"))
        {
            var path = $"data.stations[{index++}]";
            var wrongType = WrongType(envelope.Source, path, notices);
            var id = GbfsJson.String(item, "station_id", wrongType);
            var lat = GbfsJson.Double(item, "lat", wrongType);
            var lon = GbfsJson.Double(item, "lon", wrongType);
            if (id is null)
            {
                notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(envelope.Source, path, "station_id"), "Station without station_id is skipped.");
                continue;
            }

            if (!ValidPosition(lon, lat))
            {
                notices.Add(GbfsNoticeCodes.InvalidCoordinates, NoticeSeverity.Error, new NoticeLocation(envelope.Source, path, "lat", $"{lat},{lon}"),
                    $"Station {id} has no valid position and is skipped.");
                continue;
            }

            stations.Add(new GbfsStation(id, LocalizedText(item, "name"), lon!.Value, lat!.Value,
                GbfsJson.Int(item, "capacity", wrongType), GbfsJson.Bool(item, "is_virtual_station", wrongType) ?? false));
        }

        return stations;
    }

    public static IReadOnlyList<GbfsStationStatus> ReadStationStatus(GbfsEnvelope envelope, GbfsNoticeCollector notices)
    {
        var statuses = new List<GbfsStationStatus>();
        var index = 0;
        var (vehiclesField, legacyField) = envelope.Version.IsV3 ? ("num_vehicles_available", "num_bikes_available") : ("num_bikes_available", "num_vehicles_available");
        var (disabledField, legacyDisabled) = envelope.Version.IsV3 ? ("num_vehicles_disabled", "num_bikes_disabled") : ("num_bikes_disabled", "num_vehicles_disabled");
        foreach (var item in GbfsJson.Array(envelope.Data, "stations"))
        {
            var path = $"data.stations[{index++}]";
            var wrongType = WrongType(envelope.Source, path, notices);
            var id = GbfsJson.String(item, "station_id", wrongType);
            if (id is null)
            {
                notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(envelope.Source, path, "station_id"), "Status without station_id is skipped.");
                continue;
            }

            var vehicles = GbfsJson.Int(item, vehiclesField, wrongType);
            if (vehicles is null && GbfsJson.Int(item, legacyField, wrongType) is { } legacy)
            {
                notices.Add(GbfsNoticeCodes.NonStandardField, NoticeSeverity.Warning, new NoticeLocation(envelope.Source, path, legacyField),
                    $"{vehiclesField} is missing; {legacyField} (the other GBFS version's name) was read.");
                vehicles = legacy;
            }

            if (vehicles is null)
            {
                notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(envelope.Source, path, vehiclesField),
                    $"Station {id} has no vehicle count and is skipped.");
                continue;
            }

            var lastReported = GbfsJson.Property(item, "last_reported") is { } reported
                ? GbfsTimestamp.Read(reported, envelope.Version, new NoticeLocation(envelope.Source, path, "last_reported"), notices)
                : null;
            statuses.Add(new GbfsStationStatus(
                id,
                vehicles.Value,
                GbfsJson.Int(item, "num_docks_available", wrongType),
                GbfsJson.Int(item, disabledField, wrongType) ?? GbfsJson.Int(item, legacyDisabled, wrongType) ?? 0,
                GbfsJson.Int(item, "num_docks_disabled", wrongType) ?? 0,
                GbfsJson.Bool(item, "is_installed", wrongType) ?? true,
                GbfsJson.Bool(item, "is_renting", wrongType) ?? true,
                GbfsJson.Bool(item, "is_returning", wrongType) ?? true,
                lastReported));
        }

        return statuses;
    }

    public static IReadOnlyList<GbfsVehicle> ReadVehicles(GbfsEnvelope envelope, GbfsNoticeCollector notices)
    {
        var vehicles = new List<GbfsVehicle>();
        var arrayName = GbfsJson.Property(envelope.Data, "vehicles") is not null ? "vehicles" : "bikes";
        var index = 0;
        foreach (var item in GbfsJson.Array(envelope.Data, arrayName))
        {
            var path = $"data.{arrayName}[{index++}]";
            var wrongType = WrongType(envelope.Source, path, notices);
            var lat = GbfsJson.Double(item, "lat", wrongType);
            var lon = GbfsJson.Double(item, "lon", wrongType);
            var stationId = GbfsJson.String(item, "station_id", wrongType);
            if (stationId is null && !ValidPosition(lon, lat))
            {
                notices.Add(GbfsNoticeCodes.InvalidCoordinates, NoticeSeverity.Error, new NoticeLocation(envelope.Source, path, "lat", $"{lat},{lon}"),
                    "Vehicle with neither a valid position nor a station is skipped.");
                continue;
            }

            vehicles.Add(new GbfsVehicle(
                ValidPosition(lon, lat) ? lon : null,
                ValidPosition(lon, lat) ? lat : null,
                stationId,
                GbfsJson.String(item, "vehicle_type_id", wrongType),
                GbfsJson.Bool(item, "is_reserved", wrongType) ?? false,
                GbfsJson.Bool(item, "is_disabled", wrongType) ?? false));
        }

        return vehicles;
    }

    public static GbfsSystemInformation ReadSystemInformation(GbfsEnvelope envelope) =>
        new(GbfsJson.String(envelope.Data, "system_id"), LocalizedText(envelope.Data, "name"),
            GbfsJson.String(envelope.Data, "timezone"), LocalizedText(envelope.Data, "operator"));

    public static IReadOnlyList<GbfsVehicleType> ReadVehicleTypes(GbfsEnvelope envelope) =>
        GbfsJson.Array(envelope.Data, "vehicle_types")
            .Select(t => (Id: GbfsJson.String(t, "vehicle_type_id"), Type: t))
            .Where(t => t.Id is not null)
            .Select(t => new GbfsVehicleType(t.Id!, GbfsJson.String(t.Type, "form_factor"), GbfsJson.String(t.Type, "propulsion_type")))
            .ToList();

    public static IReadOnlyList<GbfsGeofencingZone> ReadGeofencingZones(GbfsEnvelope envelope, GbfsNoticeCollector notices)
    {
        var zones = new List<GbfsGeofencingZone>();
        if (GbfsJson.Property(envelope.Data, "geofencing_zones") is not { } collection)
        {
            return zones;
        }

        var index = 0;
        foreach (var feature in GbfsJson.Array(collection, "features"))
        {
            var path = $"data.geofencing_zones.features[{index++}]";
            Geometry? geometry = null;
            try
            {
                geometry = GbfsJson.Property(feature, "geometry") is { } g ? g.Deserialize<Geometry>(GeoJsonOptions) : null;
            }
            catch (JsonException)
            {
                // Reported below as an invalid geometry, like a missing one.
            }

            if (geometry is not (Polygon or MultiPolygon) || !geometry.IsValid)
            {
                notices.Add(GbfsNoticeCodes.InvalidGeometry, NoticeSeverity.Error, new NoticeLocation(envelope.Source, path, "geometry"),
                    "Zone geometry is missing, not a (multi)polygon, or invalid; the zone is skipped.");
                continue;
            }

            geometry.SRID = 4326;
            var name = GbfsJson.Property(feature, "properties") is { } properties ? LocalizedText(properties, "name") : null;
            zones.Add(new GbfsGeofencingZone(name, geometry));
        }

        return zones;
    }

    /// <summary>2.x text is a string; 3.0 text is a list of {language, text}: French first, else the first one.</summary>
    private static string? LocalizedText(JsonElement obj, string name)
    {
        if (GbfsJson.Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var texts = value.EnumerateArray().Select(t => (Language: GbfsJson.String(t, "language"), Text: GbfsJson.String(t, "text"))).ToList();
        return texts.FirstOrDefault(t => t.Language == "fr").Text ?? texts.FirstOrDefault().Text;
    }

    private static bool ValidPosition(double? lon, double? lat) =>
        lon is >= -180 and <= 180 && lat is >= -90 and <= 90 && !(lon == 0 && lat == 0);

    private static Action<string, string> WrongType(string source, string path, GbfsNoticeCollector notices) =>
        (field, value) => notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Warning, new NoticeLocation(source, path, field, value),
            $"Field {field} has the wrong JSON type; the value was read leniently.");

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
