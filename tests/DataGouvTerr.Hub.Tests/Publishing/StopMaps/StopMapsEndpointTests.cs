using System.Net;
using System.Text.Json;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.StopMaps;

/// <summary>Access rules of the stop-map endpoints over the sample feed, on both stores.</summary>
public sealed class StopMapsEndpointTests
{
    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_without_the_stop_maps_right_is_refused(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("asso-velo");

        var response = await client.GetAsync("/stop-maps/stops?bbox=1.08,49.43,1.11,49.45");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_bbox_outside_the_scope_is_refused(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        // Paris, far outside the Rouen territory.
        var response = await client.GetAsync("/stop-maps/stops?bbox=2.30,48.84,2.36,48.87");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_allowed_member_gets_only_the_stops_inside_the_bbox_with_their_routes(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        // Around the city centre: Théâtre des Arts (T1, F1), Palais de Justice (T1), Pont Corneille (T2), Hôtel de Ville…
        var response = await client.GetAsync("/stop-maps/stops?bbox=1.085,49.436,1.095,49.445");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        var ids = features.Select(f => f.GetProperty("properties").GetProperty("stop_id").GetString()).ToList();
        Assert.Equal(["PALJ", "PONT", "THEA"], ids);
        foreach (var f in features)
        {
            var c = f.GetProperty("geometry").GetProperty("coordinates");
            Assert.InRange(c[0].GetDouble(), 1.085, 1.095);
            Assert.InRange(c[1].GetDouble(), 49.436, 49.445);
        }
        var theatre = features.Single(f => f.GetProperty("properties").GetProperty("stop_id").GetString() == "THEA");
        Assert.Equal(["F1", "T1"], theatre.GetProperty("properties").GetProperty("routes").EnumerateArray().Select(r => r.GetString()).ToList());
    }

    private static async Task<HubFactory> StartLoadedAsync(string provider)
    {
        var hub = await HubFactory.StartAsync(provider);
        await using var scope = hub.Scope();
        Assert.Equal(GtfsIngestOutcome.Loaded, await scope.ServiceProvider.GetRequiredService<GtfsIngestionJob>().RunAsync("gtfs-reseau", CancellationToken.None));
        return hub;
    }
}
