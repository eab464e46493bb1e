using System.Text.Json;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using Microsoft.Extensions.Options;
using NetTopologySuite.IO.Converters;

namespace DataGouvTerr.Hub.Publishing.WebMap;

/// <summary>
/// The web map at <c>/map</c>: a static page (wwwroot/map, Leaflet in wwwroot/lib/leaflet) that asks the member's
/// token, then draws what the existing API gives that member. The page's files carry a strict CSP; the hub adds only
/// two small JSON endpoints the page needs: its settings and the contract's context shapes.
/// </summary>
public static class WebMapFeature
{
    private static readonly JsonSerializerOptions GeoJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new GeoJsonConverterFactory() },
        PropertyNamingPolicy = null,
    };

    public static IServiceCollection AddWebMap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebMapOptions>().Bind(configuration.GetSection(WebMapOptions.Section));
        services.AddSingleton(sp => WebMapPageHeaders.For(sp.GetRequiredService<IOptions<WebMapOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Serves wwwroot with the page headers and maps the page's endpoints. Takes the application builder too:
    /// static files are a middleware, placed after authentication so the page never sees a request's identity.
    /// </summary>
    public static WebApplication MapWebMap(this WebApplication app)
    {
        var headers = app.Services.GetRequiredService<WebMapPageHeaders>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                headers.Apply(context.Context.Response);
                // Small files that change with each release: revalidate (ETag) rather than trust a stale copy.
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });

        var map = app.MapGroup("/map").WithTags("Web map");
        map.MapGet("", (HttpContext http, IWebHostEnvironment env) =>
        {
            var page = env.WebRootFileProvider.GetFileInfo("map/index.html");
            if (!page.Exists)
            {
                return Results.Problem(statusCode: 404, title: "Web map not installed",
                    detail: $"map/index.html is missing from the web root '{env.WebRootPath}'.");
            }
            headers.Apply(http.Response);
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8", lastModified: page.LastModified);
        }).ExcludeFromDescription();
        map.MapGet("/config.json", (IOptions<WebMapOptions> options) => Results.Ok(new
        {
            basemap_url = options.Value.BasemapUrl,
            basemap_attribution = options.Value.BasemapAttribution,
        })).WithSummary("Settings of the web map page (optional base-map tile URL).");
        map.MapGet("/context.geojson", async (HttpContext http, IContractProvider contracts, CancellationToken ct) =>
        {
            var contract = await contracts.GetCurrentAsync(ct);
            return Results.Json(WebMapContext.Build(contract, http.User.MemberId()!), GeoJson, "application/geo+json");
        }).RequireAuthorization().WithSummary("The territory, the caller's perimeter, the contract's zones and GBFS feeds, drawn under the products.");
        return app;
    }
}
