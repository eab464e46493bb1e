using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Ingestion.Mds.Agency.Stops;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>Agency <c>/stops</c> (models/stop.yaml, mutable-stop.yaml) over real HTTP on both stores.</summary>
public sealed class MdsStopsTests
{
    private const string Operator = "scoot-normandie";

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A docking station by the Rouen cathedral, as an operator would declare it.</summary>
    private static JsonObject Stop(string stopId, long lastUpdatedMs) => new()
    {
        ["stop_id"] = stopId,
        ["provider_id"] = ProviderId,
        ["name"] = "Cathédrale",
        ["last_updated"] = lastUpdatedMs,
        ["location"] = new JsonObject { ["lat"] = 49.4404, ["lng"] = 1.0950 },
        ["status"] = new JsonObject { ["is_installed"] = true, ["is_renting"] = true, ["is_returning"] = true },
        ["capacity"] = new JsonObject { ["scooter_standing"] = 12 },
        ["num_vehicles_available"] = new JsonObject { ["scooter_standing"] = 5 },
        ["num_vehicles_disabled"] = new JsonObject { ["scooter_standing"] = 1 },
        ["rental_methods"] = new JsonArray("creditcard", "phone"),
    };

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Stops_are_registered_once_changed_and_read_back_as_sent(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var now = hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stopId = NewId();

        var created = await client.PostAsync("/mds/agency/stops", Body(Stop(stopId, now - 1000)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/vnd.mds+json", created.Content.Headers.ContentType!.MediaType);
        var bulk = await JsonOf(created);
        Assert.Equal((1, 1, 0), (bulk.GetProperty("success").GetInt32(), bulk.GetProperty("total").GetInt32(), bulk.GetProperty("failures").GetArrayLength()));

        // Registering it again: nothing new in the batch, so 409 already_registered.
        var again = await client.PostAsync("/mds/agency/stops", Body(Stop(stopId, now)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var failure = Assert.Single((await JsonOf(again)).GetProperty("failures").EnumerateArray());
        Assert.Equal("already_registered", failure.GetProperty("error").GetString());
        Assert.Equal(stopId, failure.GetProperty("item").GetProperty("stop_id").GetString());

        // PUT changes the mutable fields only; a field outside mutable-stop.yaml (name) is not changed.
        var change = new JsonObject
        {
            ["stop_id"] = stopId,
            ["last_updated"] = now,
            ["num_vehicles_available"] = new JsonObject { ["scooter_standing"] = 2 },
            ["status"] = new JsonObject { ["is_installed"] = true, ["is_renting"] = false, ["is_returning"] = true },
            ["name"] = "Renamed",
        };
        var updated = await client.PutAsync("/mds/agency/stops", Body(change));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(1, (await JsonOf(updated)).GetProperty("success").GetInt32());

        var one = await JsonOf(await client.GetAsync($"/mds/agency/stops/{stopId}"));
        Assert.Equal("2.0", one.GetProperty("version").GetString());
        var stop = Assert.Single(one.GetProperty("stops").EnumerateArray());
        Assert.Equal("Cathédrale", stop.GetProperty("name").GetString());
        Assert.Equal(2, stop.GetProperty("num_vehicles_available").GetProperty("scooter_standing").GetInt32());
        Assert.False(stop.GetProperty("status").GetProperty("is_renting").GetBoolean());
        Assert.Equal(12, stop.GetProperty("capacity").GetProperty("scooter_standing").GetInt32());
        Assert.Equal(now, stop.GetProperty("last_updated").GetInt64());
        Assert.Equal(["creditcard", "phone"], stop.GetProperty("rental_methods").EnumerateArray().Select(m => m.GetString()));
        var all = await JsonOf(await client.GetAsync("/mds/agency/stops"));
        Assert.Equal(stopId, Assert.Single(all.GetProperty("stops").EnumerateArray()).GetProperty("stop_id").GetString());

        // A late retry of an older change cannot roll the stop back.
        change["last_updated"] = now - 5000;
        var stale = await client.PutAsync("/mds/agency/stops", Body(change));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal(["last_updated"], Assert.Single((await JsonOf(stale)).GetProperty("failures").EnumerateArray())
            .GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));

        var record = await hub.WithDbAsync(db => db.Set<MdsStopRecord>().AsNoTracking().SingleAsync());
        Assert.Equal(("mds-scoot", 1.0950, 49.4404, now), (record.FeedId, Math.Round(record.Location.X, 4), Math.Round(record.Location.Y, 4), record.LastUpdatedMs));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Bad_stops_get_the_specs_failures_the_good_ones_are_kept_and_the_bad_quarantined(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var now = hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var good = Stop(NewId(), now);
        var noName = Stop(NewId(), now);
        noName.Remove("name");
        var badCounts = Stop(NewId(), now);
        badCounts["capacity"] = new JsonObject { ["hovercraft"] = 3 };
        badCounts["status"] = new JsonObject { ["is_installed"] = true };
        var seconds = Stop(NewId(), now / 1000);
        var agencyStop = Stop(NewId(), now);
        agencyStop.Remove("provider_id");

        var response = await client.PostAsync("/mds/agency/stops", Body(good, noName, badCounts, seconds, agencyStop));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal((1, 5), (body.GetProperty("success").GetInt32(), body.GetProperty("total").GetInt32()));
        var failures = body.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(["missing_param", "bad_param", "bad_param", "missing_param"], failures.Select(f => f.GetProperty("error").GetString()));
        Assert.Equal(["name"], failures[0].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["capacity", "status"], failures[1].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()).Order());
        Assert.Contains("looks like seconds", failures[2].GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["provider_id"], failures[3].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(1, await hub.WithDbAsync(db => db.Set<MdsStopRecord>().CountAsync()));
        var quarantined = await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().Where(r => r.Endpoint == "stops").CountAsync());
        Assert.Equal(4, quarantined);

        // PUT of an unknown stop: 404 unregistered.
        var unknown = await client.PutAsync("/mds/agency/stops", Body(new JsonObject { ["stop_id"] = NewId(), ["last_updated"] = now }));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unregistered", Assert.Single((await JsonOf(unknown)).GetProperty("failures").EnumerateArray()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mds/agency/stops/{NewId()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/mds/agency/stops/42")).StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_stop_naming_another_provider_is_refused_whole_and_non_operators_are_refused(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var now = hub.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var foreign = Stop(NewId(), now);
        foreign["provider_id"] = "11111111-2222-4333-8444-555555555555";

        var response = await client.PostAsync("/mds/agency/stops", Body(Stop(NewId(), now), foreign));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("provider_id", (await JsonOf(response)).GetProperty("field").GetString());
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsStopRecord>().CountAsync()));

        var planner = await hub.ClientForAsync("agence-urbanisme");
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync("/mds/agency/stops", Body(Stop(NewId(), now)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.GetAsync("/mds/agency/stops")).StatusCode);
        var json = await Body(Stop(NewId(), now)).ReadAsStringAsync();
        var wrongType = await client.PostAsync("/mds/agency/stops", Raw(json, "text/csv"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }
}
