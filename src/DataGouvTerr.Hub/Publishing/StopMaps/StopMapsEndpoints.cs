using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// Stop-level maps (product <c>stop-maps</c>): the stops of the current version of every GTFS feed inside the area
/// the access decision allows (the asked bbox clipped to the member's scope), with the routes serving each stop.
/// </summary>
internal static class StopMapsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/stop-maps").WithTags("Stop maps");
        group.MapGet("/stops", StopsAsync).RequireProductAccess(Products.StopMaps)
            .WithSummary("Stops of the current GTFS versions as GeoJSON (bbox=minLon,minLat,maxLon,maxLat; default: the member's scope).");
    }

    private static async Task<IResult> StopsAsync(HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var area = http.GetAccessDecision().EffectiveArea;
        var currentVersions = await db.Set<GtfsFeedState>().AsNoTracking()
            .Where(s => s.CurrentVersionId != null).Select(s => new { s.FeedId, VersionId = s.CurrentVersionId!.Value }).ToListAsync(ct);

        var features = new List<object>();
        foreach (var current in currentVersions)
        {
            var query = db.Set<GtfsStopRecord>().AsNoTracking().Where(s => s.VersionId == current.VersionId);
            // No effective area means the whole territory is in scope; the stops are all inside it by construction of the feed.
            var stops = area is null
                ? await query.Where(s => s.Location != null).ToListAsync(ct)
                : await query.IntersectingAsync(db, s => s.Location, area, ct);
            var routesByStop = await RoutesByStopAsync(db, current.VersionId, ct);
            features.AddRange(stops.OrderBy(s => s.StopId, StringComparer.Ordinal).Select(s => new
            {
                type = "Feature",
                geometry = new { type = "Point", coordinates = new[] { s.Location!.Coordinate.X, s.Location.Coordinate.Y } },
                properties = new
                {
                    feed_id = current.FeedId,
                    stop_id = s.StopId,
                    stop_name = s.StopName,
                    routes = routesByStop.TryGetValue(s.StopId, out var routes) ? routes : [],
                },
            }));
        }

        http.SetRowsReturned(features.Count);
        return Results.Json(new { type = "FeatureCollection", features }, contentType: "application/geo+json");
    }

    /// <summary>Short names of the routes whose trips call at each stop of a version.</summary>
    private static async Task<Dictionary<string, string[]>> RoutesByStopAsync(HubDbContext db, long versionId, CancellationToken ct)
    {
        var pairs = await (
            from st in db.Set<GtfsStopTimeRecord>().Where(r => r.VersionId == versionId)
            join t in db.Set<GtfsTripRecord>().Where(r => r.VersionId == versionId) on st.TripId equals t.TripId
            join r in db.Set<GtfsRouteRecord>().Where(r => r.VersionId == versionId) on t.RouteId equals r.RouteId
            select new { st.StopId, r.ShortName }).Distinct().ToListAsync(ct);
        return pairs.GroupBy(p => p.StopId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.ShortName).Order(StringComparer.Ordinal).ToArray());
    }
}
