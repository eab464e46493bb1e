using System.Net;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Publishing.WebMap;

/// <summary>The web map's page, settings and context endpoints over HTTP, without a browser, on both stores.</summary>
public sealed class WebMapEndpointTests
{
    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_page_and_its_files_are_served_with_a_policy_that_allows_only_the_hub(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = hub.CreateClient();

        var page = await client.GetAsync("/map");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"/map/map.js\" defer></script>", await page.Content.ReadAsStringAsync());
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("img-src 'self' data:;", csp);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        foreach (var file in new[] { "/map/map.js", "/map/map.css", "/lib/leaflet/leaflet.js", "/lib/leaflet/leaflet.css", "/lib/leaflet/images/layers.png" })
        {
            var response = await client.GetAsync(file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, file);
            Assert.Equal(csp, response.Headers.GetValues("Content-Security-Policy").Single());
        }

        // No base map unless the deployment names one: nothing leaves for a tile server.
        var config = JsonDocument.Parse(await client.GetStringAsync("/map/config.json")).RootElement;
        Assert.Equal("", config.GetProperty("basemap_url").GetString());
    }

    [Fact]
    public async Task A_deployment_tile_server_is_the_only_other_origin_the_page_may_load_images_from()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite, new Dictionary<string, string?>
        {
            ["Map:BasemapUrl"] = "https://tiles.example.org:8443/{z}/{x}/{y}.png",
            ["Map:BasemapAttribution"] = "© Example tiles",
        });
        var client = hub.CreateClient();

        var page = await client.GetAsync("/map");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://tiles.example.org:8443;", csp);
        Assert.Contains("connect-src 'self';", csp);
        var config = JsonDocument.Parse(await client.GetStringAsync("/map/config.json")).RootElement;
        Assert.Equal("https://tiles.example.org:8443/{z}/{x}/{y}.png", config.GetProperty("basemap_url").GetString());
        Assert.Equal("© Example tiles", config.GetProperty("basemap_attribution").GetString());
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_context_is_the_territory_the_callers_perimeter_and_the_zones_for_members_only(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);

        var anonymous = await hub.CreateClient().GetAsync("/map/context.geojson");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var metropole = await hub.ClientForAsync("metropole-rouen");
        var response = await metropole.GetAsync("/map/context.geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var context = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var features = context.GetProperty("features").EnumerateArray().ToList();
        var layers = features.Select(f => f.GetProperty("properties").GetProperty("layer").GetString()).ToList();
        Assert.Equal(1, layers.Count(l => l == "territory"));
        Assert.Equal(1, layers.Count(l => l == "perimeter"));
        Assert.Equal(10, layers.Count(l => l == "zone"));
        var perimeter = features.Single(f => f.GetProperty("properties").GetProperty("layer").GetString() == "perimeter");
        Assert.Equal("Polygon", perimeter.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("Métropole Rouen Normandie", perimeter.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(["gbfs-velos"], context.GetProperty("gbfs_feeds").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("/gbfs/feeds/gbfs-velos/stations", context.GetProperty("gbfs_feeds")[0].GetProperty("stations").GetString());

        // A member without a perimeter of its own gets the territory and zones only.
        var association = await hub.ClientForAsync("asso-velo");
        var theirs = JsonDocument.Parse(await association.GetStringAsync("/map/context.geojson")).RootElement;
        Assert.DoesNotContain(theirs.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("layer").GetString() == "perimeter");
    }
}
