using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Operations;

/// <summary>The OpenAPI document tells a client generator how to authenticate and what each product returns.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_by_protected_endpoints_only()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var doc = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/products", "/products/od-flows.csv", "/contract", "/mds/ingestion" })
        {
            var security = paths.GetProperty(path).GetProperty("get").GetProperty("security");
            Assert.Contains(security.EnumerateArray(), r => r.TryGetProperty("bearer", out _));
        }
        Assert.False(paths.GetProperty("/map/config.json").GetProperty("get").TryGetProperty("security", out _), "/map/config.json needs no token");
        Assert.True(paths.GetProperty("/gtfs/feeds/{feedId}/versions/{id}/report.json").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Product_responses_have_a_content_type_and_a_schema()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var doc = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");

        JsonElement Content(string path) => paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");

        Assert.Equal("string", Content("/products/od-flows.csv").GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("string", Content("/products/indicators.csv").GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
        var geo = Content("/products/od-flows.geojson").GetProperty("application/geo+json").GetProperty("schema");
        Assert.True(geo.GetProperty("properties").TryGetProperty("features", out _));
        var listing = Content("/products").GetProperty("application/json").GetProperty("schema");
        Assert.True(listing.GetProperty("properties").GetProperty("products").GetProperty("items").GetProperty("properties").TryGetProperty("formats", out _));
    }
}
