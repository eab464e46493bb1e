using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>The MDS 2.0 Agency endpoints over real HTTP, on SQLite and PostGIS: success and failure shapes of the spec.</summary>
public class MdsAgencyTests
{
    private const string Operator = "scoot-normandie";

    private static async Task<(HubFactory Hub, HttpClient Client, string DeviceId)> StartWithVehicleAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var hub = await HubFactory.StartAsync(provider, settings);
        var client = await hub.ClientForAsync(Operator);
        var deviceId = NewId();
        var response = await client.PostAsync("/mds/agency/vehicles", Body(Vehicle(deviceId)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (hub, client, deviceId);
    }

    private static long Now(HubFactory hub) => hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Events_telemetry_and_trips_are_stored_once_however_often_they_are_sent(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var now = Now(hub);
        var events = Body(Event(device, now - 120_000), Event(device, now - 60_000, "available", "trip_end"));
        var telemetry = Body(Telemetry(device, now - 90_000), Telemetry(device, now - 80_000));
        var trips = Body(Trip(device, now - 60_000));

        foreach (var (path, body, count) in new[] { ("events", events, 2), ("telemetry", telemetry, 2), ("trips", trips, 1) })
        {
            var text = await body.ReadAsStringAsync();
            var first = await client.PostAsync($"/mds/agency/{path}", Raw(text));
            var again = await client.PostAsync($"/mds/agency/{path}", Raw(text));

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal("application/vnd.mds+json", first.Content.Headers.ContentType!.MediaType);
            var firstJson = await JsonOf(first);
            Assert.Equal(count, firstJson.GetProperty("success").GetInt32());
            Assert.Equal(count, firstJson.GetProperty("total").GetInt32());
            Assert.Equal(0, firstJson.GetProperty("failures").GetArrayLength());
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            var againJson = await JsonOf(again);
            Assert.Equal(count, againJson.GetProperty("success").GetInt32());
            Assert.Equal(count, againJson.GetProperty("already_known").GetInt32());
        }

        var stored = await hub.WithDbAsync(async db => (
            await db.Set<MdsEventRecord>().CountAsync(),
            await db.Set<MdsTelemetryRecord>().CountAsync(),
            await db.Set<MdsTripRecord>().CountAsync()));
        Assert.Equal((2, 2, 1), stored);
        var ev = await hub.WithDbAsync(db => db.Set<MdsEventRecord>().OrderBy(e => e.TimestampMs).FirstAsync());
        Assert.Equal(1.0993, ev.Location!.X, 6);
        Assert.Equal(49.4431, ev.Location.Y, 6);
        Assert.Equal("trip_start", ev.EventTypes);
        Assert.Equal("mds-scoot", ev.FeedId);
        Assert.Equal(Now(hub), ev.ReceivedAtMs);
        Assert.Null(ev.Flags);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Registering_a_vehicle_twice_is_409_already_registered(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;

        var response = await client.PostAsync("/mds/agency/vehicles", Body(Vehicle(device)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(0, json.GetProperty("success").GetInt32());
        var failure = json.GetProperty("failures")[0];
        Assert.Equal("already_registered", failure.GetProperty("error").GetString());
        Assert.Equal(device, failure.GetProperty("item").GetProperty("device_id").GetString());
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Vehicles_are_updated_listed_and_read_back(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var changed = Vehicle(device);
        changed["vehicle_id"] = "ROU-NEW";
        var unknown = Vehicle(NewId());

        var update = await client.PutAsync("/mds/agency/vehicles", Body(changed, unknown));
        var one = await client.GetAsync($"/mds/agency/vehicles/{device}");
        var missing = await client.GetAsync($"/mds/agency/vehicles/{NewId()}");
        var notUuid = await client.GetAsync("/mds/agency/vehicles/42");
        var list = await client.GetAsync("/mds/agency/vehicles?limit=1");

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        var updateJson = await JsonOf(update);
        Assert.Equal(1, updateJson.GetProperty("success").GetInt32());
        Assert.Equal("unregistered", updateJson.GetProperty("failures")[0].GetProperty("error").GetString());
        Assert.Equal("ROU-NEW", (await JsonOf(one)).GetProperty("vehicles")[0].GetProperty("vehicle_id").GetString());
        Assert.Equal("2.0", (await JsonOf(one)).GetProperty("version").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notUuid.StatusCode);
        var listJson = await JsonOf(list);
        Assert.Equal(1, listJson.GetProperty("vehicles").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, listJson.GetProperty("links").GetProperty("next").ValueKind);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Bad_items_are_400_with_their_reasons_while_the_valid_ones_are_stored_and_the_bad_quarantined(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var now = Now(hub);
        var inSeconds = Event(device, now / 1000);
        var noEventId = Event(device, now - 50_000);
        noEventId.Remove("event_id");
        var swapped = Event(device, now - 40_000, lat: 1.0993, lng: 49.4431);
        var future = Event(device, now + 3_600_000);

        var response = await client.PostAsync("/mds/agency/events", Body(Event(device, now - 60_000), inSeconds, noEventId, swapped, future));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(1, json.GetProperty("success").GetInt32());
        Assert.Equal(5, json.GetProperty("total").GetInt32());
        var failures = json.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(["bad_param", "missing_param", "bad_param", "bad_param"], failures.Select(f => f.GetProperty("error").GetString()));
        Assert.Equal(["timestamp"], failures[0].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("looks like seconds", failures[0].GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["event_id"], failures[1].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("outside France", failures[2].GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Contains("future", failures[3].GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));

        var view = await JsonOf(await client.GetAsync("/mds/ingestion"));
        var rejected = view.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(4, rejected.Count);
        Assert.Contains(rejected, r => r.GetProperty("error").GetString() == "missing_param" && r.GetProperty("endpoint").GetString() == "events");
        var hour = view.GetProperty("per_hour")[0];
        Assert.Equal(1, hour.GetProperty("events").GetInt32());
        Assert.Equal(4, hour.GetProperty("rejected").GetInt32());
        Assert.Equal(60.0, view.GetProperty("lag_seconds").GetProperty("events").GetProperty("p50").GetDouble());
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Items_for_an_unregistered_device_are_404_unregistered_and_the_others_kept(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var now = Now(hub);

        var response = await client.PostAsync("/mds/agency/telemetry", Body(Telemetry(device, now - 10_000), Telemetry(NewId(), now - 10_000)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(1, json.GetProperty("success").GetInt32());
        Assert.Equal("unregistered", json.GetProperty("failures")[0].GetProperty("error").GetString());
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_batch_naming_another_providers_id_is_refused_whole_and_audited(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var foreign = Event(device, Now(hub) - 10_000);
        foreign["provider_id"] = "11111111-2222-4333-8444-555555555555";

        var response = await client.PostAsync("/mds/agency/events", Body(Event(device, Now(hub) - 20_000), foreign));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await JsonOf(response);
        Assert.Equal("provider_id", problem.GetProperty("field").GetString());
        Assert.Contains("11111111-2222-4333-8444-555555555555", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));
        // The audit line is written by middleware after the response has left: wait for it briefly.
        List<AuditEntry> audit = [];
        for (var attempt = 0; attempt < 50 && audit.Count == 0; attempt++)
        {
            await Task.Delay(100);
            audit = await hub.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Endpoint == "POST /mds/agency/events").ToListAsync());
        }
        var entry = Assert.Single(audit);
        Assert.Equal("denied", entry.Decision);
        Assert.Equal(403, entry.StatusCode);
        Assert.Contains("not granted", entry.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Only_the_operator_of_a_pushed_MDS_feed_may_push(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var bikes = await hub.ClientForAsync("velos-rouen");
        var anonymous = hub.CreateClient();

        var refused = await bikes.PostAsync("/mds/agency/events", Body(Event(NewId(), Now(hub))));
        var unauthenticated = await anonymous.PostAsync("/mds/agency/events", Body(Event(NewId(), Now(hub))));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("provides no MDS feed", (await JsonOf(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Content_negotiation_follows_the_MDS_media_type(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var item = new JsonArray(Event(device, Now(hub) - 1000)).ToJsonString();

        async Task<HttpResponseMessage> Send(string contentType, string? accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mds/agency/events") { Content = Raw(item, contentType) };
            if (accept is not null)
            {
                request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
            }
            return await client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.NotAcceptable, (await Send(MediaType, "application/vnd.mds+json;version=1.2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await Send("application/vnd.mds+json;version=1.2", null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Send("text/plain", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send("application/json", "application/vnd.mds+json;version=2.0")).StatusCode);
        var problem = await JsonOf(await Send(MediaType, "application/vnd.mds+json;version=1.2"));
        Assert.Equal("Accept", problem.GetProperty("field").GetString());
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Malformed_empty_oversized_and_huge_bodies_are_clear_4xx_and_write_nothing(string provider)
    {
        var settings = new Dictionary<string, string?> { ["Mds:MaxBodyBytes"] = "20000", ["Mds:MaxItemsPerRequest"] = "3" };
        var (hub, client, device) = await StartWithVehicleAsync(provider, settings);
        await using var _ = hub;
        var now = Now(hub);

        var malformed = await client.PostAsync("/mds/agency/events", Raw("[{\"device_id\": "));
        var notArray = await client.PostAsync("/mds/agency/events", Raw("{}"));
        var empty = await client.PostAsync("/mds/agency/events", Raw("[]"));
        var tooMany = await client.PostAsync("/mds/agency/events", Body(Enumerable.Range(1, 4).Select(i => (JsonNode)Event(device, now - i * 1000)).ToArray()));
        var tooBig = await client.PostAsync("/mds/agency/events", Raw("[" + new string(' ', 30_000) + "]"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not valid JSON", (await JsonOf(malformed)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("body", (await JsonOf(tooBig)).GetProperty("field").GetString());
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Points_outside_the_territory_and_impossible_transitions_are_stored_with_flags(string provider)
    {
        var (hub, client, device) = await StartWithVehicleAsync(provider);
        await using var _ = hub;
        var now = Now(hub);
        var inParis = Event(device, now - 30_000, "available", "trip_end", lat: 48.8566, lng: 2.3522);

        // trip_start, trip_end, then trip_end again: the last cannot follow 'available'.
        var response = await client.PostAsync("/mds/agency/events", Body(
            Event(device, now - 60_000), Event(device, now - 50_000, "available", "trip_end"), inParis));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var flags = await hub.WithDbAsync(db => db.Set<MdsEventRecord>().OrderBy(e => e.TimestampMs).Select(e => e.Flags).ToListAsync());
        Assert.Equal([null, null, "outside_territory,invalid_transition"], flags);
        var vehicle = await hub.WithDbAsync(db => db.Set<MdsVehicleRecord>().SingleAsync());
        Assert.Equal("available", vehicle.LastVehicleState);
        Assert.Equal(now - 30_000, vehicle.LastEventTimestampMs);
    }
}
