using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gbfs;

public sealed class GbfsEndpointsTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_retired_availability_view_answers_410_naming_its_replacement_for_every_bin_and_level_and_is_audited(string provider)
    {
        await using var hub = await GbfsHub.StartAsync(provider, discoveryUrl: null);
        await hub.PollAsync();
        var metropole = await hub.ClientForAsync("metropole-rouen");

        // What leaked before: the granted view, coarse minus fine, bins the right does not grant, partial windows.
        foreach (var query in new[] { "feed=gbfs-velos", "feed=gbfs-velos&resolution=grid-1000m", "time_bin=30m", "time_bin=45m", "time_bin=120m", "resolution=grid-200m" })
        {
            var response = await metropole.GetAsync($"/gbfs/availability?{query}");
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("/products/availability.csv", problem.GetProperty("replacement").GetString());
            Assert.DoesNotContain("zones", (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var audited = await hub.WithDbAsync(db => db.Set<DataGouvTerr.Hub.Audit.AuditEntry>().AsNoTracking()
            .CountAsync(e => e.Endpoint == "GET /gbfs/availability" && e.StatusCode == 410));
        Assert.Equal(6, audited);
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
