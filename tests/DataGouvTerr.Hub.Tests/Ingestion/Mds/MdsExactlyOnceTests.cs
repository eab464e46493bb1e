using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Demo;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// The set-based write path of pushed MDS items on SQLite and PostGIS: repeats inside a batch, across batches and
/// from two clients at once are stored once; the item limit refuses a batch whole; a half-valid batch keeps its
/// valid half; pushed and pulled items share one storage (a pulled copy of a pushed event is a repeat).
/// </summary>
public class MdsExactlyOnceTests
{
    private const string Operator = "scoot-normandie";

    private static async Task<(HubFactory Hub, HttpClient Client, string[] Devices)> StartWithFleetAsync(string provider, int devices)
    {
        var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var ids = Enumerable.Range(0, devices).Select(_ => NewId()).ToArray();
        var response = await client.PostAsync("/mds/agency/vehicles", Body(ids.Select(d => (JsonNode)Vehicle(d)).ToArray()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (hub, client, ids);
    }

    private static long Now(HubFactory hub) => hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Alternating trip_start / trip_end per device, one second apart: a valid state machine walk.</summary>
    private static JsonObject[] Trips(string[] devices, int perDevice, long startMs) =>
        devices.SelectMany((d, n) => Enumerable.Range(0, perDevice).Select(k => k % 2 == 0
            ? Event(d, startMs + k * 1000 + n)
            : Event(d, startMs + k * 1000 + n, "available", "trip_end"))).ToArray();

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_same_event_twice_in_one_batch_is_stored_once_and_counted_as_already_known(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 1);
        await using var _ = hub;
        var start = Event(devices[0], Now(hub) - 60_000);
        var end = Event(devices[0], Now(hub) - 30_000, "available", "trip_end");

        var response = await client.PostAsync("/mds/agency/events", Body(start, end, start));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(3, json.GetProperty("success").GetInt32());
        Assert.Equal(1, json.GetProperty("already_known").GetInt32());
        Assert.Equal(2, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));
        var vehicle = await hub.WithDbAsync(db => db.Set<MdsVehicleRecord>().SingleAsync());
        Assert.Equal("available", vehicle.LastVehicleState);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_batch_overlapping_an_earlier_one_stores_only_its_new_items(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 3);
        await using var _ = hub;
        var events = Trips(devices, 10, Now(hub) - 600_000);

        var first = await client.PostAsync("/mds/agency/events", Body(events[..20]));
        var second = await client.PostAsync("/mds/agency/events", Body(events[10..]));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var json = await JsonOf(second);
        Assert.Equal(20, json.GetProperty("success").GetInt32());
        Assert.Equal(10, json.GetProperty("already_known").GetInt32());
        Assert.Equal(30, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync(e => e.Flags != null)));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Identical_batches_from_two_clients_at_once_store_each_item_once(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 8);
        await using var _ = hub;
        var other = await hub.ClientForAsync(Operator);
        var body = new JsonArray(Trips(devices, 25, Now(hub) - 600_000).Select(e => (JsonNode)e).ToArray()).ToJsonString();

        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(
                client.PostAsync("/mds/agency/events", Raw(body)),
                other.PostAsync("/mds/agency/events", Raw(body)));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var answers = await Task.WhenAll(responses.Select(JsonOf));
            Assert.All(answers, a => Assert.Equal(200, a.GetProperty("success").GetInt32()));
            // The first round stores every item through exactly one of the two; later rounds store nothing.
            Assert.Equal(round == 0 ? 200 : 400, answers.Sum(a => a.GetProperty("already_known").GetInt32()));
        }
        Assert.Equal(200, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync()));
        Assert.Equal(200, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().Select(e => e.EventId).Distinct().CountAsync()));
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsEventRecord>().CountAsync(e => e.Flags != null)));
        var states = await hub.WithDbAsync(db => db.Set<MdsVehicleRecord>().Select(v => v.LastVehicleState).Distinct().ToListAsync());
        Assert.Equal(["on_trip"], states); // 25 events per device: the last is a trip_start
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_batch_of_10001_items_is_refused_whole_with_the_limit_named(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 1);
        await using var _ = hub;
        var now = Now(hub);
        var items = Enumerable.Range(0, 10_001).Select(i => (JsonNode)Telemetry(devices[0], now - 3_600_000 + i * 100L)).ToArray();

        var response = await client.PostAsync("/mds/agency/telemetry", Body(items));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await JsonOf(response);
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Contains("10001 items", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("at most 10000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().CountAsync()));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_half_valid_batch_keeps_the_valid_half_and_quarantines_the_rest(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 1);
        await using var _ = hub;
        var now = Now(hub);
        var items = new List<JsonNode>();
        for (var i = 0; i < 10; i++)
        {
            var point = Telemetry(devices[0], now - 100_000 + i * 1000);
            if (i % 2 == 1)
            {
                point.Remove("telemetry_id");
            }
            items.Add(point);
        }

        var response = await client.PostAsync("/mds/agency/telemetry", Body([.. items]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(5, json.GetProperty("success").GetInt32());
        Assert.Equal(10, json.GetProperty("total").GetInt32());
        Assert.All(json.GetProperty("failures").EnumerateArray(), f => Assert.Equal("missing_param", f.GetProperty("error").GetString()));
        var stored = await hub.WithDbAsync(db => db.Set<MdsTelemetryRecord>().OrderBy(t => t.TimestampMs).Select(t => t.TimestampMs).ToListAsync());
        Assert.Equal(Enumerable.Range(0, 5).Select(i => now - 100_000 + i * 2000L), stored);
        Assert.Equal(5, await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().CountAsync(r => r.Endpoint == "telemetry")));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_pulled_copy_of_a_pushed_event_is_a_repeat_because_both_share_one_store(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 1);
        await using var _ = hub;
        var pushed = Event(devices[0], Now(hub) - 60_000);
        var fresh = Event(devices[0], Now(hub) - 30_000, "available", "trip_end");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/mds/agency/events", Body(pushed))).StatusCode);

        await using var scope = hub.Scope();
        var contract = await scope.ServiceProvider.GetRequiredService<IContractProvider>().GetCurrentAsync(CancellationToken.None);
        var feed = contract.FindFeed("mds-scoot")!;
        var items = new[] { pushed, fresh }.Select(e => JsonDocument.Parse(e.ToJsonString()).RootElement).ToList();
        var outcome = await scope.ServiceProvider.GetRequiredService<MdsItemImporter>().ImportAsync(
            scope.ServiceProvider.GetRequiredService<MdsEventsPush>(), feed, contract, items, "pull", null, CancellationToken.None);

        Assert.Equal(new MdsImportOutcome(1, 1, 0), outcome);
        var sources = await hub.WithDbAsync(db => db.Set<MdsEventRecord>().OrderBy(e => e.TimestampMs).Select(e => e.Source).ToListAsync());
        Assert.Equal(["push", "pull"], sources);
        var vehicle = await hub.WithDbAsync(db => db.Set<MdsVehicleRecord>().SingleAsync());
        Assert.Equal("available", vehicle.LastVehicleState);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_demo_data_is_stored_through_the_shared_store_with_its_counts(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, new Dictionary<string, string?> { ["Demo:Days"] = "1", ["Demo:FleetScale"] = "0.05" });

        DemoLoadResult result;
        await using (var scope = hub.Scope())
        {
            result = await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync(CancellationToken.None);
        }
        var counts = await hub.WithDbAsync(async db => (
            await db.Set<MdsEventRecord>().CountAsync(e => e.Source == DemoLoader.Source),
            await db.Set<MdsTelemetryRecord>().CountAsync(),
            await db.Set<MdsTripRecord>().CountAsync()));

        Assert.All(result.Feeds, f => Assert.Null(f.Skipped));
        Assert.True(result.Feeds.All(f => f.Events.Stored > 0 && f.Telemetry.Stored > 0 && f.Trips.Stored > 0));
        Assert.Equal((result.Feeds.Sum(f => f.Events.Stored), result.Feeds.Sum(f => f.Telemetry.Stored), result.Feeds.Sum(f => f.Trips.Stored)), counts);
        Assert.Equal(0, result.Feeds.Sum(f => f.Events.AlreadyKnown + f.Telemetry.AlreadyKnown + f.Trips.AlreadyKnown));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_push_answer_says_where_its_time_went(string provider)
    {
        var (hub, client, devices) = await StartWithFleetAsync(provider, 1);
        await using var _ = hub;

        var response = await client.PostAsync("/mds/agency/events", Body(Event(devices[0], Now(hub) - 60_000)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        foreach (var phase in new[] { "read+parse;dur=", "check;dur=", "vehicles;dur=", "insert;dur=", "state;dur=", "commit;dur=" })
        {
            Assert.Contains(phase, timing, StringComparison.Ordinal);
        }
    }
}
