using System.Net;
using System.Text.Json;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// Agency <c>GET /vehicles/status[/{device_id}]</c> (models/vehicle-status.yaml) and the quarantine of refused vehicle
/// registrations and updates, over real HTTP on both stores.
/// </summary>
public sealed class MdsVehicleStatusTests
{
    private const string Operator = "scoot-normandie";

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Status_is_each_vehicles_last_event_and_telemetry_by_event_time(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        string[] devices = [NewId(), NewId(), NewId()];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/vehicles", Body([.. devices.Select(d => Vehicle(d))]))).StatusCode);
        var now = hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var latestEvent = Event(devices[0], now - 60_000, "available", "trip_end");
        var latestTelemetry = Telemetry(devices[0], now - 30_000);
        latestTelemetry["battery_percent"] = 71;
        // The later points arrive first; the older batch that follows must not roll the status back.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events", Body(latestEvent, Event(devices[1], now - 50_000)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/telemetry", Body(latestTelemetry, Telemetry(devices[1], now - 40_000)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events", Body(Event(devices[0], now - 120_000)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/telemetry", Body(Telemetry(devices[0], now - 90_000)))).StatusCode);
        // devices[2] has no event nor telemetry: no status.

        var one = await client.GetAsync($"/mds/agency/vehicles/status/{devices[0]}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("application/vnd.mds+json", one.Content.Headers.ContentType!.MediaType);
        var body = await JsonOf(one);
        Assert.Equal("2.0", body.GetProperty("version").GetString());
        var status = Assert.Single(body.GetProperty("vehicles_status").EnumerateArray());
        Assert.Equal(devices[0], status.GetProperty("device_id").GetString());
        Assert.Equal(ProviderId, status.GetProperty("provider_id").GetString());
        var lastEvent = status.GetProperty("last_event");
        Assert.Equal(latestEvent["event_id"]!.GetValue<string>(), lastEvent.GetProperty("event_id").GetString());
        Assert.Equal("available", lastEvent.GetProperty("vehicle_state").GetString());
        Assert.Equal(["trip_end"], lastEvent.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(now - 60_000, lastEvent.GetProperty("timestamp").GetInt64());
        Assert.Equal(49.4431, lastEvent.GetProperty("location").GetProperty("lat").GetDouble(), 6);
        var lastTelemetry = status.GetProperty("last_telemetry");
        Assert.Equal(latestTelemetry["telemetry_id"]!.GetValue<string>(), lastTelemetry.GetProperty("telemetry_id").GetString());
        Assert.Equal(71, lastTelemetry.GetProperty("battery_percent").GetInt32());
        Assert.Equal(4.5, lastTelemetry.GetProperty("location").GetProperty("speed").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, lastTelemetry.GetProperty("trip_ids").ValueKind);

        // The list pages over the fleet and leaves out the vehicle without a status.
        var first = await JsonOf(await client.GetAsync("/mds/agency/vehicles/status?limit=2"));
        var next = first.GetProperty("links").GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await JsonOf(await client.GetAsync(next));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("links").GetProperty("next").ValueKind);
        var listed = first.GetProperty("vehicles_status").EnumerateArray().Concat(second.GetProperty("vehicles_status").EnumerateArray())
            .Select(s => s.GetProperty("device_id").GetString()!).Order().ToList();
        Assert.Equal(devices[..2].Order().ToList(), listed);

        var none = await client.GetAsync($"/mds/agency/vehicles/status/{devices[2]}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("no status yet", (await JsonOf(none)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mds/agency/vehicles/status/{NewId()}")).StatusCode);
        var bad = await client.GetAsync("/mds/agency/vehicles/status/NOT-A-UUID");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("device_id", (await JsonOf(bad)).GetProperty("field").GetString());

        using var wrongVersion = new HttpRequestMessage(HttpMethod.Get, "/mds/agency/vehicles/status");
        wrongVersion.Headers.TryAddWithoutValidation("Accept", "application/vnd.mds+json;version=1.2");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.SendAsync(wrongVersion)).StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Other_members_see_no_status_of_this_operators_vehicles(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var owner = await hub.ClientForAsync(Operator);
        var device = NewId();
        await owner.PostAsync("/mds/agency/vehicles", Body(Vehicle(device)));
        var now = hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await owner.PostAsync("/mds/agency/events", Body(Event(device, now - 60_000)));
        await owner.PostAsync("/mds/agency/telemetry", Body(Telemetry(device, now - 60_000)));

        // A planner provides no MDS feed: refused with the reason, like the push endpoints.
        var planner = await hub.ClientForAsync("agence-urbanisme");
        var refused = await planner.GetAsync($"/mds/agency/vehicles/status/{device}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Authorization", (await JsonOf(refused)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/mds/agency/vehicles/status/{device}")).StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Refused_vehicle_registrations_and_updates_are_quarantined_with_reason_raw_item_and_time(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var device = NewId();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/vehicles", Body(Vehicle(device)))).StatusCode);

        var noType = Vehicle(NewId());
        noType.Remove("vehicle_type");
        var huge = Vehicle(NewId());
        huge["vehicle_attributes"] = new System.Text.Json.Nodes.JsonObject { ["note"] = new string('x', 20_000) };
        huge["vehicle_type"] = "hovercraft";
        var register = await client.PostAsync("/mds/agency/vehicles", Body(Vehicle(device), noType, huge));
        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        var update = await client.PutAsync("/mds/agency/vehicles", Body(Vehicle(NewId())));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);

        var rows = await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["already_registered", "missing_param", "bad_param", "unregistered"], rows.Select(r => r.Error).ToArray());
        Assert.All(rows, r => Assert.Equal(("vehicles", "mds-scoot", Guid.Parse(ProviderId)), (r.Endpoint, r.FeedId, r.ProviderId)));
        Assert.All(rows, r => Assert.Equal(hub.Clock.GetUtcNow().ToUnixTimeMilliseconds(), r.ReceivedAtMs));
        Assert.Equal("vehicle_type", rows[1].Params);
        Assert.Contains(device, rows[0].ItemJson, StringComparison.Ordinal);
        // The raw item is kept, cut to a bounded size.
        Assert.Equal(4096, rows[2].ItemJson.Length);
        Assert.Contains("vehicle_type", rows[2].Params, StringComparison.Ordinal);

        var view = await JsonOf(await client.GetAsync("/mds/ingestion"));
        var rejected = view.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(4, rejected.Count);
        Assert.All(rejected, r => Assert.Equal("vehicles", r.GetProperty("endpoint").GetString()));
        Assert.Contains(rejected, r => r.GetProperty("error").GetString() == "unregistered" && r.GetProperty("reasons").GetString()!.Contains("not registered", StringComparison.Ordinal));

        // Retention purges them with the feed's raw data once they are older than its 30 days.
        hub.Clock.Advance(TimeSpan.FromDays(31));
        await using (var scope = hub.Scope())
        {
            var job = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DataGouvTerr.Hub.Ingestion.Mds.Retention.MdsRetentionJob>(scope.ServiceProvider);
            var result = Assert.Single(await job.RunAsync(CancellationToken.None), r => r.FeedId == "mds-scoot");
            Assert.Equal(4, result.RejectedItems);
        }
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().CountAsync()));
    }
}
