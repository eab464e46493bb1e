using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>MDS 2.0 micromobility items for the sample contract's scooter operator, built in code around Rouen.</summary>
internal static class MdsPayloads
{
    public const string ProviderId = "7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b";
    public const string MediaType = "application/vnd.mds+json;version=2.0";

    public static string NewId() => Guid.NewGuid().ToString("D");

    public static JsonObject Vehicle(string deviceId, string providerId = ProviderId) => new()
    {
        ["device_id"] = deviceId,
        ["provider_id"] = providerId,
        ["vehicle_id"] = "ROU-" + deviceId[..4],
        ["vehicle_type"] = "scooter_standing",
        ["propulsion_types"] = new JsonArray("electric"),
    };

    public static JsonObject Event(string deviceId, long timestampMs, string state = "on_trip", string type = "trip_start", double lat = 49.4431, double lng = 1.0993) => new()
    {
        ["device_id"] = deviceId,
        ["provider_id"] = ProviderId,
        ["event_id"] = NewId(),
        ["vehicle_state"] = state,
        ["event_types"] = new JsonArray(type),
        ["timestamp"] = timestampMs,
        ["location"] = new JsonObject { ["lat"] = lat, ["lng"] = lng },
        ["trip_ids"] = new JsonArray(NewId()),
    };

    public static JsonObject Telemetry(string deviceId, long timestampMs) => new()
    {
        ["device_id"] = deviceId,
        ["provider_id"] = ProviderId,
        ["telemetry_id"] = NewId(),
        ["timestamp"] = timestampMs,
        ["trip_ids"] = null,
        ["journey_id"] = null,
        ["location"] = new JsonObject { ["lat"] = 49.44, ["lng"] = 1.10, ["speed"] = 4.5 },
    };

    public static JsonObject Trip(string deviceId, long endMs) => new()
    {
        ["provider_id"] = ProviderId,
        ["device_id"] = deviceId,
        ["trip_id"] = NewId(),
        ["trip_type"] = new JsonArray("rider"),
        ["start_time"] = endMs - 600_000,
        ["end_time"] = endMs,
        ["start_location"] = new JsonObject { ["lat"] = 49.4431, ["lng"] = 1.0993 },
        ["end_location"] = new JsonObject { ["lat"] = 49.4300, ["lng"] = 1.0800 },
        ["duration"] = 600,
        ["distance"] = 2100,
    };

    public static StringContent Body(params JsonNode[] items) => Raw(new JsonArray(items.Select(i => i.DeepClone()).ToArray()).ToJsonString());

    public static StringContent Raw(string json, string contentType = MediaType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
