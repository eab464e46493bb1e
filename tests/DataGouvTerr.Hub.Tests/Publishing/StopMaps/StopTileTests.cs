using System.Net;
using DataGouvTerr.Hub.Tests.Infrastructure;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using Tile = NetTopologySuite.IO.VectorTiles.Tiles.Tile;

namespace DataGouvTerr.Hub.Tests.Publishing.StopMaps;

/// <summary>The stop map as Mapbox vector tiles, decoded with the library that wrote them, on both stores.</summary>
public sealed class StopTileTests
{
    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_tile_holds_the_stops_inside_it_with_their_properties(string provider)
    {
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");
        var (x, y) = StopMapsEndpointTests.TileOf(1.089, 49.440, 15); // Théâtre des Arts

        var response = await client.GetAsync($"/tiles/stops/15/{x}/{y}.mvt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        var definition = new Tile(x, y, 15);
        using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var tile = new MapboxTileReader().Read(body, definition);
        var layer = Assert.Single(tile.Layers);
        Assert.Equal("stops", layer.Name);
        Assert.NotEmpty(layer.Features);
        Assert.Contains(layer.Features, f => (string)f.Attributes["stop_id"] == "THEA");
        foreach (var feature in layer.Features)
        {
            var p = feature.Geometry.Coordinate;
            // Decoded positions are quantised to the 4096-unit grid of the tile: allow one unit.
            var tolerance = (definition.Right - definition.Left) / 4096;
            Assert.InRange(p.X, definition.Left - tolerance, definition.Right + tolerance);
            Assert.InRange(p.Y, definition.Bottom - tolerance, definition.Top + tolerance);
            Assert.Equal(["feed_id", "name", "num_trips", "routes", "stop_id"], feature.Attributes.GetNames().Order(StringComparer.Ordinal));
        }
        var thea = layer.Features.Single(f => (string)f.Attributes["stop_id"] == "THEA");
        Assert.Equal("Théâtre des Arts", thea.Attributes["name"]);
        Assert.Equal("F1|T1", thea.Attributes["routes"]);
        Assert.True(Convert.ToInt64(thea.Attributes["num_trips"], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Tiles_outside_the_scope_are_empty_and_bad_coordinates_are_refused(string provider)
    {
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");
        var (px, py) = StopMapsEndpointTests.TileOf(2.35, 48.85, 12); // Paris

        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/tiles/stops/12/{px}/{py}.mvt")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/tiles/stops/23/0/0.mvt")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/tiles/stops/2/4/0.mvt")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/tiles/stops/2/0/-1.mvt")).StatusCode);
        var refused = await hub.ClientForAsync("asso-velo");
        Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync("/tiles/stops/0/0/0.mvt")).StatusCode);
    }
}
