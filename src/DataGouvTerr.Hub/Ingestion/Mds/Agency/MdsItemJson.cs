using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// Stored MDS rows written back in the MDS 2.0 models (event.yaml, telemetry.yaml, gps.yaml): the fields that were
/// sent, by their spec names; absent optional fields stay absent rather than null. Hub-only columns (feed, flags,
/// receipt time, source) are not part of the models and are not written.
/// </summary>
public static class MdsItemJson
{
    public static JsonObject Event(MdsEventRecord e)
    {
        var json = new JsonObject
        {
            ["device_id"] = e.DeviceId.ToString("D"),
            ["provider_id"] = e.ProviderId.ToString("D"),
            ["event_id"] = e.EventId.ToString("D"),
            ["vehicle_state"] = e.VehicleState,
            ["event_types"] = Array(e.EventTypes),
            ["timestamp"] = e.TimestampMs,
        };
        Optional(json, "data_provider_id", e.DataProviderId?.ToString("D"));
        Optional(json, "publication_time", e.PublicationTimeMs);
        if (e.Location is not null)
        {
            json["location"] = new JsonObject { ["lat"] = e.Location.Y, ["lng"] = e.Location.X };
        }
        if (e.EventGeographies is not null)
        {
            json["event_geographies"] = Array(e.EventGeographies);
        }
        Optional(json, "battery_percent", e.BatteryPercent);
        Optional(json, "fuel_percent", e.FuelPercent);
        if (e.TripIds is not null)
        {
            json["trip_ids"] = Array(e.TripIds);
        }
        Optional(json, "associated_ticket", e.AssociatedTicket);
        return json;
    }

    public static JsonObject Telemetry(MdsTelemetryRecord t)
    {
        var location = new JsonObject { ["lat"] = t.Location.Y, ["lng"] = t.Location.X };
        Optional(location, "altitude", t.Altitude);
        Optional(location, "heading", t.Heading);
        Optional(location, "speed", t.Speed);
        Optional(location, "horizontal_accuracy", t.HorizontalAccuracy);
        var json = new JsonObject
        {
            ["device_id"] = t.DeviceId.ToString("D"),
            ["provider_id"] = t.ProviderId.ToString("D"),
            ["telemetry_id"] = t.TelemetryId.ToString("D"),
            ["timestamp"] = t.TimestampMs,
            // trip_ids and journey_id are required by telemetry.yaml, null when the vehicle is not on a trip.
            ["trip_ids"] = t.TripIds is null ? null : Array(t.TripIds),
            ["journey_id"] = t.JourneyId?.ToString("D"),
            ["location"] = location,
        };
        Optional(json, "data_provider_id", t.DataProviderId?.ToString("D"));
        Optional(json, "stop_id", t.StopId?.ToString("D"));
        Optional(json, "location_type", t.LocationType);
        Optional(json, "battery_percent", t.BatteryPercent);
        Optional(json, "fuel_percent", t.FuelPercent);
        Optional(json, "tipped_over", t.TippedOver);
        return json;
    }

    private static JsonArray Array(string commaSeparated) =>
        new([.. commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode)JsonValue.Create(v)!)]);

    // One overload per type so each value goes through JsonValue's non-generic, trimming-safe Create.
    private static void Optional(JsonObject json, string name, string? value) => Set(json, name, value is null ? null : JsonValue.Create(value));

    private static void Optional(JsonObject json, string name, long? value) => Set(json, name, value is { } v ? JsonValue.Create(v) : null);

    private static void Optional(JsonObject json, string name, int? value) => Set(json, name, value is { } v ? JsonValue.Create(v) : null);

    private static void Optional(JsonObject json, string name, double? value) => Set(json, name, value is { } v ? JsonValue.Create(v) : null);

    private static void Optional(JsonObject json, string name, bool? value) => Set(json, name, value is { } v ? JsonValue.Create(v) : null);

    private static void Set(JsonObject json, string name, JsonValue? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
