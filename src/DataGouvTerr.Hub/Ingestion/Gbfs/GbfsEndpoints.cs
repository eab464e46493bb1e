using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>
/// HTTP endpoints of GBFS: feed status and notices (product <c>feed-reports</c>, for the feed's provider and the
/// administrator only) and stations (public GBFS data,
/// any member). Availability per zone is no longer computed here: <c>/gbfs/availability</c> answers 410 Gone naming
/// <c>/products/availability.csv</c>, the one place availability is served, from the same stored releases as every
/// other product (a second view computed on request from the snapshots could be differenced against them).
/// </summary>
internal static class GbfsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/gbfs").WithTags("GBFS");
        // Feed reports belong to their provider (FeedReportAccessFilter): its feed-reports right, or the administrator.
        group.MapGet("/feeds/{feedId}", FeedStatusAsync).RequireFeedReportAccess(FeedKind.Gbfs)
            .WithSummary("Status of a GBFS feed: version, last poll and ingest, files with ttl and last_updated, incidents.");
        group.MapGet("/feeds/{feedId}/notices", NoticesAsync).RequireFeedReportAccess(FeedKind.Gbfs)
            .WithSummary("Notices of the last poll of a GBFS feed (code, severity, location).");
        // Station positions and capacities are what the operator publishes openly in GBFS: any member may read them.
        group.MapGet("/feeds/{feedId}/stations", StationsAsync).RequireAuthorization()
            .WithSummary("Stations of a GBFS feed as GeoJSON.");
        group.MapGet("/availability", Retired).RequireAuthorization()
            .WithSummary("Retired (410 Gone): availability is served by /products/availability.csv and .geojson.");
    }

    private static async Task<IResult> FeedStatusAsync(string feedId, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var feed = await db.Set<GbfsFeedState>().AsNoTracking().FirstOrDefaultAsync(f => f.FeedId == feedId, ct);
        var files = (await db.Set<GbfsFileState>().AsNoTracking().Where(f => f.FeedId == feedId).OrderBy(f => f.FileName).ToListAsync(ct))
            .Select(f => new { name = f.FileName, url = MemberFacingSource.Url(f.Url), ttl = f.TtlSeconds, last_updated = Utc(f.LastUpdated), last_fetched_at = Utc(f.LastFetchedAt), etag = f.ETag })
            .ToList();
        var incidents = await db.Set<GbfsIncidentRecord>().AsNoTracking().Where(i => i.FeedId == feedId).OrderByDescending(i => i.StartedAt).Take(50)
            .Select(i => new { kind = i.Kind, started_at = i.StartedAt, last_seen_at = i.LastSeenAt, ended_at = i.EndedAt, detail = i.Detail })
            .ToListAsync(ct);
        var shownIncidents = incidents.Select(i => new
        {
            i.kind,
            started_at = Utc(i.started_at),
            last_seen_at = Utc(i.last_seen_at),
            ended_at = Utc(i.ended_at),
            detail = MemberFacingSource.Text(i.detail),
        });
        http.SetRowsReturned(1);
        return Results.Ok(new
        {
            feed_id = feedId,
            status = (feed?.Status ?? GbfsFeedStatus.Unknown).ToString().ToLowerInvariant(),
            version = feed?.Version,
            system_name = feed?.SystemName,
            source_kind = MemberFacingSource.Kind(feed?.DiscoveryUrl),
            discovery_url = MemberFacingSource.Url(feed?.DiscoveryUrl),
            last_polled_at = Utc(feed?.LastPolledAt),
            last_ingested_at = Utc(feed?.LastIngestedAt),
            vehicles_available = feed?.LastVehiclesAvailable,
            last_error = MemberFacingSource.Text(feed?.LastError),
            files,
            incidents = shownIncidents,
        });
    }

    private static async Task<IResult> NoticesAsync(string feedId, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var notices = (await db.Set<GbfsNoticeRecord>().AsNoTracking().Where(n => n.FeedId == feedId).OrderBy(n => n.Id)
            .Select(n => new { code = n.Code, severity = n.Severity.ToLower(), source = n.Source, path = n.Path, field = n.Field, value = n.Value, message = n.Message, polled_at = n.PolledAt })
            .ToListAsync(ct))
            .Select(n => new { n.code, n.severity, n.source, n.path, n.field, n.value, n.message, polled_at = Utc(n.polled_at) })
            .ToList();
        http.SetRowsReturned(notices.Count);
        return Results.Ok(notices);
    }

    private static async Task<IResult> StationsAsync(string feedId, HubDbContext db, IContractProvider contracts, CancellationToken ct)
    {
        if (await UnknownFeedAsync(feedId, contracts, ct) is { } problem)
        {
            return problem;
        }

        var stations = await db.Set<GbfsStationRecord>().AsNoTracking().Where(s => s.FeedId == feedId).OrderBy(s => s.StationId).ToListAsync(ct);
        return Results.Ok(new
        {
            type = "FeatureCollection",
            features = stations.Select(s => new
            {
                type = "Feature",
                id = s.StationId,
                geometry = new { type = "Point", coordinates = new[] { s.Location.X, s.Location.Y } },
                properties = new { station_id = s.StationId, name = s.Name, capacity = s.Capacity, is_virtual_station = s.IsVirtual },
            }),
        });
    }

    /// <summary>
    /// The retired availability view. It computed coarse bins, roll-ups and k on each request from the raw snapshots,
    /// so coarse minus fine, bins the right does not grant and partial windows all leaked; availability is now only
    /// the stored, once-published release of <c>/products/availability</c>.
    /// </summary>
    private static IResult Retired() => Results.Problem(
        statusCode: StatusCodes.Status410Gone,
        title: "Gone: use /products/availability",
        detail: "GET /gbfs/availability is retired. Availability (GBFS and MDS) is published once per right and window in " +
            "/products/availability.csv and /products/availability.geojson, at the levels your right grants (see GET /products).",
        type: "https://datagouvterr.fr/problems/retired",
        extensions: new Dictionary<string, object?> { ["code"] = "retired", ["replacement"] = "/products/availability.csv" });

    /// <summary>
    /// Stored times are UTC, but the stores hand them back without a kind (SQLite keeps text): written as such they
    /// would carry no offset and read as local time. Served as RFC 3339 with their offset (+00:00).
    /// </summary>
    private static DateTimeOffset? Utc(DateTime? stored) =>
        stored is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    private static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    private static async Task<IResult?> UnknownFeedAsync(string feedId, IContractProvider contracts, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        return contract.FindFeed(feedId) is { Kind: FeedKind.Gbfs }
            ? null
            : Results.Problem(statusCode: 404, title: "Unknown GBFS feed", detail: $"Contract {contract.Version} has no GBFS feed '{feedId}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "feedId" });
    }
}
