using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataGouvTerr.Domain.Tests.Mds;

/// <summary>Valid MDS 2.0 micromobility items around Rouen, built in code; tests mutate one field at a time.</summary>
internal static class MdsSamples
{
    public const string ProviderId = "7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b";
    public const string DeviceId = "3c9604d6-b5ee-11e8-96f8-529269fb1459";
    public const long Now = 1_764_489_600_000; // 2025-11-30T08:00:00Z

    public static JsonObject Vehicle() => new()
    {
        ["device_id"] = DeviceId,
        ["provider_id"] = ProviderId,
        ["vehicle_id"] = "ROU-0042",
        ["vehicle_type"] = "scooter_standing",
        ["propulsion_types"] = new JsonArray("electric"),
        ["vehicle_attributes"] = new JsonObject { ["year"] = 2024, ["make"] = "Segway", ["model"] = "Max" },
    };

    public static JsonObject Event(string state = "on_trip", string type = "trip_start", long timestamp = Now - 60_000) => new()
    {
        ["device_id"] = DeviceId,
        ["provider_id"] = ProviderId,
        ["event_id"] = "5f1b0a2c-1d2e-4f3a-8b9c-0d1e2f3a4b5c",
        ["vehicle_state"] = state,
        ["event_types"] = new JsonArray(type),
        ["timestamp"] = timestamp,
        ["location"] = new JsonObject { ["lat"] = 49.4431, ["lng"] = 1.0993 },
        ["trip_ids"] = new JsonArray("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"),
        ["battery_percent"] = 80,
    };

    public static JsonObject Telemetry() => new()
    {
        ["device_id"] = DeviceId,
        ["provider_id"] = ProviderId,
        ["telemetry_id"] = "6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        ["timestamp"] = Now - 30_000,
        ["trip_ids"] = null,
        ["journey_id"] = null,
        ["location"] = new JsonObject { ["lat"] = 49.4431, ["lng"] = 1.0993, ["heading"] = 90.0, ["speed"] = 4.2 },
        ["battery_percent"] = 79,
    };

    public static JsonObject Trip() => new()
    {
        ["provider_id"] = ProviderId,
        ["device_id"] = DeviceId,
        ["trip_id"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
        ["trip_type"] = new JsonArray("rider"),
        ["start_time"] = Now - 900_000,
        ["end_time"] = Now - 300_000,
        ["start_location"] = new JsonObject { ["lat"] = 49.4431, ["lng"] = 1.0993 },
        ["end_location"] = new JsonObject { ["lat"] = 49.4300, ["lng"] = 1.0800 },
        ["duration"] = 600,
        ["distance"] = 2100,
        ["actual_cost"] = 350,
        ["currency"] = "EUR",
    };

    public static JsonElement Json(JsonNode node) => JsonSerializer.Deserialize<JsonElement>(node.ToJsonString());
}
