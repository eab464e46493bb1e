using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gbfs;

public sealed class GbfsEndpointsTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Availability_is_served_per_zone_as_the_contract_allows(string provider)
    {
        await using var hub = await GbfsHub.StartAsync(provider, discoveryUrl: null);
        await hub.PollAsync();
        var metropole = await hub.ClientForAsync("metropole-rouen");

        var body = await metropole.GetFromJsonAsync<JsonElement>("/gbfs/availability?feed=gbfs-velos");
        var finer = await metropole.GetAsync("/gbfs/availability?feed=gbfs-velos&resolution=grid-200m");

        Assert.Equal("grid-500m", body.GetProperty("resolution").GetString());
        var zones = body.GetProperty("zones").EnumerateArray().ToList();
        Assert.NotEmpty(zones);
        // k = 5 for the métropole: no published zone holds fewer vehicles.
        Assert.All(zones, z => Assert.True(z.GetProperty("vehicles_available").GetInt32() + z.GetProperty("vehicles_disabled").GetInt32() >= 5));
        Assert.Equal(HttpStatusCode.Forbidden, finer.StatusCode);
    }

    [Fact]
    public async Task Feed_status_notices_and_stations_are_served_and_an_unknown_feed_is_a_problem()
    {
        await using var hub = await GbfsHub.StartAsync(StoreProviders.Sqlite, discoveryUrl: null);
        await hub.PollAsync();
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        var status = await admin.GetFromJsonAsync<JsonElement>("/gbfs/feeds/gbfs-velos");
        var notices = await admin.GetFromJsonAsync<JsonElement>("/gbfs/feeds/gbfs-velos/notices");
        var stations = await admin.GetFromJsonAsync<JsonElement>("/gbfs/feeds/gbfs-velos/stations");
        var unknown = await admin.GetAsync("/gbfs/feeds/nope");

        Assert.Equal("2.3", status.GetProperty("version").GetString());
        Assert.Equal("Vélos Rouen (exemple)", status.GetProperty("system_name").GetString());
        Assert.Contains(status.GetProperty("files").EnumerateArray(), f => f.GetProperty("name").GetString() == "station_status");
        // The sample files are a static copy dated 2025-11-30: polled later, they are stale, and say so.
        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("code").GetString() == "stale_last_updated");
        Assert.Equal(20, stations.GetProperty("features").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("feedId", problem.GetProperty("field").GetString());
    }
}
