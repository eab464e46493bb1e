using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Domain.Spatial;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>
/// HTTP endpoints of GBFS: feed status and notices (product <c>feed-reports</c>), stations (public GBFS data,
/// any member), and availability per zone and time bin (product <c>availability</c>, built strictly from the
/// access decision: zoning, bin, area, k, embargo).
/// </summary>
internal static class GbfsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/gbfs").WithTags("GBFS");
        group.MapGet("/feeds/{feedId}", FeedStatusAsync).RequireProductAccess(Products.FeedReports)
            .WithSummary("Status of a GBFS feed: version, last poll and ingest, files with ttl and last_updated, incidents.");
        group.MapGet("/feeds/{feedId}/notices", NoticesAsync).RequireProductAccess(Products.FeedReports)
            .WithSummary("Notices of the last poll of a GBFS feed (code, severity, location).");
        // Station positions and capacities are what the operator publishes openly in GBFS: any member may read them.
        group.MapGet("/feeds/{feedId}/stations", StationsAsync).RequireAuthorization()
            .WithSummary("Stations of a GBFS feed as GeoJSON.");
        group.MapGet("/availability", AvailabilityAsync).RequireProductAccess(Products.Availability)
            .WithSummary("Vehicles and docks available per zone and time bin (feed, resolution, time_bin, from, to, bbox).");
    }

    private static async Task<IResult> FeedStatusAsync(string feedId, HttpContext http, HubDbContext db, IContractProvider contracts, CancellationToken ct)
    {
        if (await UnknownFeedAsync(feedId, contracts, ct) is { } problem)
        {
            return problem;
        }

        var feed = await db.Set<GbfsFeedState>().AsNoTracking().FirstOrDefaultAsync(f => f.FeedId == feedId, ct);
        var files = (await db.Set<GbfsFileState>().AsNoTracking().Where(f => f.FeedId == feedId).OrderBy(f => f.FileName).ToListAsync(ct))
            .Select(f => new { name = f.FileName, url = MemberFacingSource.Url(f.Url), ttl = f.TtlSeconds, last_updated = f.LastUpdated, last_fetched_at = f.LastFetchedAt, etag = f.ETag })
            .ToList();
        var incidents = await db.Set<GbfsIncidentRecord>().AsNoTracking().Where(i => i.FeedId == feedId).OrderByDescending(i => i.StartedAt).Take(50)
            .Select(i => new { kind = i.Kind, started_at = i.StartedAt, last_seen_at = i.LastSeenAt, ended_at = i.EndedAt, detail = i.Detail })
            .ToListAsync(ct);
        var shownIncidents = incidents.Select(i => new { i.kind, i.started_at, i.last_seen_at, i.ended_at, detail = MemberFacingSource.Text(i.detail) });
        http.SetRowsReturned(1);
        return Results.Ok(new
        {
            feed_id = feedId,
            status = (feed?.Status ?? GbfsFeedStatus.Unknown).ToString().ToLowerInvariant(),
            version = feed?.Version,
            system_name = feed?.SystemName,
            source_kind = MemberFacingSource.Kind(feed?.DiscoveryUrl),
            discovery_url = MemberFacingSource.Url(feed?.DiscoveryUrl),
            last_polled_at = feed?.LastPolledAt,
            last_ingested_at = feed?.LastIngestedAt,
            vehicles_available = feed?.LastVehiclesAvailable,
            last_error = MemberFacingSource.Text(feed?.LastError),
            files,
            incidents = shownIncidents,
        });
    }

    private static async Task<IResult> NoticesAsync(string feedId, HttpContext http, HubDbContext db, IContractProvider contracts, CancellationToken ct)
    {
        if (await UnknownFeedAsync(feedId, contracts, ct) is { } problem)
        {
            return problem;
        }

        var notices = await db.Set<GbfsNoticeRecord>().AsNoTracking().Where(n => n.FeedId == feedId).OrderBy(n => n.Id)
            .Select(n => new { code = n.Code, severity = n.Severity.ToLower(), source = n.Source, path = n.Path, field = n.Field, value = n.Value, message = n.Message, polled_at = n.PolledAt })
            .ToListAsync(ct);
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

    private static async Task<IResult> AvailabilityAsync(HttpContext http, HubDbContext db, IContractProvider contracts, string? feed, CancellationToken ct)
    {
        var decision = http.GetAccessDecision();
        var contract = await contracts.GetCurrentAsync(ct);
        var feeds = contract.FeedsOfKind(FeedKind.Gbfs).Where(f => feed is null || f.Id == feed).ToList();
        if (feed is not null && feeds.Count == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["feed"] = [$"'{feed}' is not a GBFS feed of contract {contract.Version}."] });
        }

        var resolution = decision.Resolution!;
        var zoneFilter = ZoneFilter(contract, resolution, decision.EffectiveArea!);
        if (zoneFilter is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["resolution"] = [$"Availability is published on the contract's grids and zone sets, not on '{resolution}'."] });
        }

        var feedIds = feeds.Select(f => f.Id).ToList();
        // The access filter has already parsed and checked these; here they only narrow the query.
        DateTime? from = http.Request.Query.TryGetValue("from", out var f) ? AccessRequestBinder.ParseInstant("from", f.ToString()).UtcDateTime : null;
        DateTime? to = http.Request.Query.TryGetValue("to", out var t) ? AccessRequestBinder.ParseInstant("to", t.ToString()).UtcDateTime : null;
        var notAfter = decision.NotAfter!.Value.UtcDateTime;
        var query = db.Set<GbfsZoneAvailabilityRecord>().AsNoTracking()
            .Where(a => feedIds.Contains(a.FeedId) && a.ZoningId == resolution && a.BinStart <= notAfter);
        if (from is { } f0)
        {
            query = query.Where(a => a.BinStart >= f0);
        }

        if (to is { } t0)
        {
            query = query.Where(a => a.BinStart < t0);
        }

        var rows = await query.ToListAsync(ct);
        var bin = decision.TimeBin!.Value;
        // Stored bins are the finest (options); a coarser requested bin averages the stored ones it contains.
        var result = rows
            .Where(r => zoneFilter(r.ZoneCode))
            .GroupBy(r => (Bin: GbfsAvailabilityCalculator.BinStart(new DateTimeOffset(DateTime.SpecifyKind(r.BinStart, DateTimeKind.Utc)), bin), r.ZoneCode))
            .Select(g =>
            {
                // Feeds are summed within a stored bin, then stored bins averaged over the requested bin.
                var perStoredBin = g.GroupBy(r => r.BinStart).Select(b => (Vehicles: b.Sum(r => r.VehiclesAvailable), Docks: b.Sum(r => r.DocksAvailable), Disabled: b.Sum(r => r.VehiclesDisabled))).ToList();
                return new
                {
                    zone = g.Key.ZoneCode,
                    bin_start = g.Key.Bin,
                    vehicles_available = (int)Math.Round(perStoredBin.Average(b => b.Vehicles)),
                    docks_available = (int)Math.Round(perStoredBin.Average(b => b.Docks)),
                    vehicles_disabled = (int)Math.Round(perStoredBin.Average(b => b.Disabled)),
                };
            })
            // k-anonymity of the contract: zones with fewer vehicles than the minimum count are not published.
            .Where(z => z.vehicles_available + z.vehicles_disabled >= decision.MinCount)
            .OrderBy(z => z.bin_start).ThenBy(z => z.zone, StringComparer.Ordinal)
            .ToList();
        http.SetRowsReturned(result.Count);
        return Results.Ok(new
        {
            resolution,
            time_bin_minutes = bin.TotalMinutes,
            min_count = decision.MinCount,
            operators = decision.OperatorNamesVisible ? feeds.Select(f => f.OperatorName).Where(n => n is not null).ToList() : null,
            zones = result,
        });
    }

    /// <summary>Which zone codes of a zoning lie in the decision's area: grid cells by their centre, zones by intersection.</summary>
    private static Func<string, bool>? ZoneFilter(MobilityContract contract, string resolution, Geometry area)
    {
        if (contract.Zoning.Grids.FirstOrDefault(g => g.Id == resolution) is { } grid)
        {
            var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(area);
            return code =>
            {
                var parts = code.Split('_');
                if (parts.Length != 2 || !double.TryParse(parts[0], out var x) || !double.TryParse(parts[1], out var y))
                {
                    return false;
                }

                var (lon, lat) = Reprojector.Instance.ToWgs84(x + grid.CellSizeMeters / 2.0, y + grid.CellSizeMeters / 2.0);
                return prepared.Covers(new Point(lon, lat));
            };
        }

        if (contract.Zoning.ZoneSets.FirstOrDefault(z => z.Id == resolution) is { } set)
        {
            var inside = set.Zones.Where(z => z.Area.Intersects(area)).Select(z => z.Code).ToHashSet();
            return inside.Contains;
        }

        return null;
    }

    private static async Task<IResult?> UnknownFeedAsync(string feedId, IContractProvider contracts, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        return contract.FindFeed(feedId) is { Kind: FeedKind.Gbfs }
            ? null
            : Results.Problem(statusCode: 404, title: "Unknown GBFS feed", detail: $"Contract {contract.Version} has no GBFS feed '{feedId}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "feedId" });
    }
}
