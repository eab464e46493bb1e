using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// MDS identity on SQLite and PostGIS, through HTTP pushes: items are keyed on their MDS ids (telemetry_id, event_id,
/// trip_id). The same id with the same body is a repeat (stored once); with another body a conflict (refused per item,
/// quarantined, the stored copy untouched); two different ids about one device at one instant are both kept, flagged
/// and named in the answer's notices. Before this, a second point at the same (device, timestamp) was answered
/// already_known and dropped.
/// </summary>
public class MdsIdentityTests
{
    private const string Operator = "scoot-normandie";

    private static async Task<(HubFactory Hub, HttpClient Client, string Device)> StartAsync(string provider)
    {
        var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var device = NewId();
        var response = await client.PostAsync("/mds/agency/vehicles", Body(Vehicle(device)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (hub, client, device);
    }

    private static long Now(HubFactory hub) => hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The same object with its keys in reverse order: same body, other bytes.</summary>
    private static JsonObject Reordered(JsonObject item) =>
        new(item.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_resent_telemetry_point_is_a_repeat_whatever_its_key_order(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var point = Telemetry(device, Now(hub) - 60_000);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/telemetry", Body(point))).StatusCode);

        var again = await client.PostAsync("/mds/agency/telemetry", Body(Reordered(point)));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var json = await JsonOf(again);
        Assert.Equal(1, json.GetProperty("success").GetInt32());
        Assert.Equal(1, json.GetProperty("already_known").GetInt32());
        Assert.Equal(1, await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().CountAsync()));
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().CountAsync()));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_second_point_at_the_same_device_and_time_with_a_new_id_is_kept_and_noticed(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var at = Now(hub) - 60_000;
        var first = Telemetry(device, at);
        var second = Telemetry(device, at);
        second["location"] = new JsonObject { ["lat"] = 49.45, ["lng"] = 1.11 };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/telemetry", Body(first))).StatusCode);

        var response = await client.PostAsync("/mds/agency/telemetry", Body(second));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(1, json.GetProperty("success").GetInt32());
        Assert.Equal(0, json.GetProperty("already_known").GetInt32());
        var notice = Assert.Single(json.GetProperty("notices").EnumerateArray());
        Assert.Equal("same_device_time", notice.GetProperty("code").GetString());
        Assert.Equal(0, notice.GetProperty("index").GetInt32());
        Assert.Equal(second["telemetry_id"]!.GetValue<string>(), notice.GetProperty("id").GetString());
        Assert.Contains(first["telemetry_id"]!.GetValue<string>(), notice.GetProperty("description").GetString(), StringComparison.Ordinal);
        var rows = await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal([at, at], rows.Select(r => r.TimestampMs));
        Assert.Equal([49.44, 49.45], rows.Select(r => r.Location.Y));
        Assert.Equal([null, "same_device_time"], rows.Select(r => r.Flags));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Two_points_of_one_device_and_time_in_one_batch_are_both_kept_and_both_noticed(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var at = Now(hub) - 60_000;
        var other = Telemetry(device, at);
        other["location"] = new JsonObject { ["lat"] = 49.45, ["lng"] = 1.11 };

        var response = await client.PostAsync("/mds/agency/telemetry", Body(Telemetry(device, at), other, Telemetry(device, at + 1000)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(3, json.GetProperty("success").GetInt32());
        Assert.Equal([0, 1], json.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("index").GetInt32()));
        Assert.Equal(3, await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().CountAsync()));
        Assert.Equal(2, await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().CountAsync(t => t.Flags == "same_device_time")));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_telemetry_id_resent_with_another_body_is_refused_quarantined_and_the_stored_point_kept(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var point = Telemetry(device, Now(hub) - 60_000);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/telemetry", Body(point))).StatusCode);
        var changed = (JsonObject)point.DeepClone();
        changed["location"] = new JsonObject { ["lat"] = 49.50, ["lng"] = 1.05 };
        var fresh = Telemetry(device, Now(hub) - 50_000);

        var response = await client.PostAsync("/mds/agency/telemetry", Body(fresh, changed));

        // The spec's 400 answer: success counts the stored point, failures name the conflicting one by its id field.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(1, json.GetProperty("success").GetInt32());
        Assert.Equal(0, json.GetProperty("already_known").GetInt32());
        var failure = Assert.Single(json.GetProperty("failures").EnumerateArray());
        Assert.Equal("bad_param", failure.GetProperty("error").GetString());
        Assert.Equal(["telemetry_id"], failure.GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.StartsWith("Conflict: this telemetry_id is already stored with a different body", failure.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(49.50, failure.GetProperty("item").GetProperty("location").GetProperty("lat").GetDouble());

        var stored = await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().SingleAsync(t => t.TelemetryId == Guid.Parse(point["telemetry_id"]!.GetValue<string>())));
        Assert.Equal(49.44, stored.Location.Y);
        Assert.Equal(2, await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().CountAsync()));
        var quarantined = await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().SingleAsync());
        Assert.Equal(("telemetry", "bad_param", "telemetry_id"), (quarantined.Endpoint, quarantined.Error, quarantined.Params));
        Assert.Contains("49.5", quarantined.ItemJson, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_id_sent_twice_in_one_batch_with_two_bodies_keeps_the_first_and_quarantines_the_second(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var trip = Trip(device, Now(hub) - 60_000);
        var changed = (JsonObject)trip.DeepClone();
        changed["distance"] = 4200;

        var response = await client.PostAsync("/mds/agency/trips", Body(trip, changed, trip));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(2, json.GetProperty("success").GetInt32());
        Assert.Equal(1, json.GetProperty("already_known").GetInt32());
        var failure = Assert.Single(json.GetProperty("failures").EnumerateArray());
        Assert.Equal(["trip_id"], failure.GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("was sent earlier in this batch", failure.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(2100, await hub.WithDbAsync(db => db.Set<MdsTripRecord>().Select(t => t.DistanceMeters).SingleAsync()));
        Assert.Equal("trips", await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().Select(r => r.Endpoint).SingleAsync()));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_conflicting_event_is_quarantined_and_does_not_move_the_vehicle_state(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var start = Event(device, Now(hub) - 60_000);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events", Body(start))).StatusCode);
        // Same event_id, later and another change of state: were it applied, the vehicle would read "available".
        var rewritten = Event(device, Now(hub) - 30_000, "available", "trip_end");
        rewritten["event_id"] = start["event_id"]!.GetValue<string>();

        var response = await client.PostAsync("/mds/agency/events", Body(rewritten));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(0, json.GetProperty("success").GetInt32());
        Assert.Equal(["event_id"], json.GetProperty("failures")[0].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("trip_start", await hub.WithDbAsync(db => db.Set<MdsEventRecord>().Select(e => e.EventTypes).SingleAsync()));
        Assert.Equal("on_trip", await hub.WithDbAsync(db => db.Set<MdsVehicleRecord>().Select(v => v.LastVehicleState).SingleAsync()));
        Assert.Equal(1, await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().CountAsync(r => r.Endpoint == "events" && r.Params == "event_id")));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Two_events_with_different_ids_at_one_device_time_and_type_are_both_kept(string provider)
    {
        var (hub, client, device) = await StartAsync(provider);
        await using var _ = hub;
        var at = Now(hub) - 60_000;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events", Body(Event(device, at)))).StatusCode);

        var response = await client.PostAsync("/mds/agency/events", Body(Event(device, at)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(0, json.GetProperty("already_known").GetInt32());
        Assert.Equal("same_device_time", json.GetProperty("notices")[0].GetProperty("code").GetString());
        Assert.Equal(2, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().Select(e => e.EventId).Distinct().CountAsync()));
    }
}
