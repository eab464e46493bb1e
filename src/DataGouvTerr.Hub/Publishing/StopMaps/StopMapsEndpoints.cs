using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Operations;
using DataGouvTerr.Hub.Publishing.Downloads;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// Stop-level maps (product <c>stop-maps</c>): per stop of the current version of every GTFS feed, its location,
/// name, routes, departures per hour and per day and headways, for the representative weekday or <c>date=</c>,
/// inside the area the access decision allows (the asked bbox or polygon clipped to the member's scope).
/// </summary>
internal static class StopMapsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/stop-maps").WithTags("Stop maps");
        group.MapGet("/stops", (HttpContext http, HubDbContext db, string? format, CancellationToken ct) => StopsAsync(http, db, format, ct))
            .RequireProductAccess(Products.StopMaps, StopMapRequest.Bind).AcceptsQuery("bbox", "polygon", "date")
            .WithSummary("Stops with departures per hour and headways (bbox= or polygon= (GeoJSON or WKT), date=YYYYMMDD, format=geojson|csv|csv-excel-fr|xlsx|gpkg; default: the member's scope, the representative weekday).");
        group.MapGet("/stops.geojson", (HttpContext http, HubDbContext db, string? format, CancellationToken ct) => StopsAsync(http, db, format ?? DownloadFormat.GeoJson, ct, DownloadFormat.Spatial))
            .RequireProductAccess(Products.StopMaps, StopMapRequest.Bind).AcceptsQuery("bbox", "polygon", "date")
            .WithSummary("Same as /stop-maps/stops, as GeoJSON (format=gpkg: GeoPackage).");
        group.MapGet("/stops.csv", (HttpContext http, HubDbContext db, string? format, CancellationToken ct) => StopsAsync(http, db, format ?? DownloadFormat.Csv, ct, DownloadFormat.Table))
            .RequireProductAccess(Products.StopMaps, StopMapRequest.Bind).AcceptsQuery("bbox", "polygon", "date")
            .WithSummary("Same as /stop-maps/stops, as CSV: one row per stop, hourly columns h00, h01… (format=csv-excel-fr: CSV for French Excel; format=xlsx).");
        group.MapGet("/stops/{feedId}/{stopId}", StopAsync)
            .RequireProductAccess(Products.StopMaps, StopMapRequest.Bind).AcceptsQuery("bbox", "polygon", "date")
            .WithSummary("One stop's detail (404 when unknown or outside the member's scope).");
    }

    /// <summary>Every format /stop-maps/stops answers, GeoJSON first (its default).</summary>
    private static readonly string[] AllFormats = [DownloadFormat.GeoJson, DownloadFormat.Csv, DownloadFormat.CsvExcelFr, DownloadFormat.Xlsx, DownloadFormat.GeoPackage];

    private static async Task<IResult> StopsAsync(HttpContext http, HubDbContext db, string? format, CancellationToken ct, string[]? allowed = null)
    {
        var (asked, badFormat) = DownloadFormat.Parse(format, allowed ?? AllFormats);
        if (badFormat is not null)
        {
            return badFormat;
        }
        var area = http.GetAccessDecision().EffectiveArea;
        var rows = await new StopMapReader(db).ReadAsync(area, StopMapRequest.ParseDate(http), ct);
        http.SetRowsReturned(rows.Count);
        return asked switch
        {
            DownloadFormat.Csv => Results.Text(StopMapFormats.Csv(rows), "text/csv; charset=utf-8"),
            DownloadFormat.GeoJson => Results.Json(StopMapFormats.FeatureCollection(rows), contentType: "application/geo+json"),
            _ => StopMapDownloads.File(asked, rows, http.User.MemberId()!),
        };
    }

    private static async Task<IResult> StopAsync(HttpContext http, HubDbContext db, string feedId, string stopId, CancellationToken ct)
    {
        var row = await new StopMapReader(db).ReadOneAsync(feedId, stopId, http.GetAccessDecision().EffectiveArea, StopMapRequest.ParseDate(http), ct);
        http.SetRowsReturned(row is null ? 0 : 1);
        // Unknown and out-of-scope read the same, so the answer does not tell whether a stop exists outside the scope.
        return row is null
            ? Results.Problem(statusCode: 404, title: "Stop not found",
                detail: $"No stop '{stopId}' in the current version of feed '{feedId}' within your scope.")
            : Results.Json(StopMapFormats.Feature(row), contentType: "application/geo+json");
    }
}
