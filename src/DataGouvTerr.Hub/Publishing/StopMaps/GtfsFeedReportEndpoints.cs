using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.GtfsKit.Validation.Report;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// The versions of a GTFS feed with their validation summary, and each version's report as JSON and as a readable
/// HTML page (GtfsKit's writer, values HTML-escaped). Who may read them: members allowed <c>feed-reports</c> for the
/// feeds they provide, the administrator (territory-wide), and members allowed <c>stop-maps</c>, since the maps
/// are built from these versions and a planner must be able to judge their quality. Every call is audited.
/// </summary>
internal static class GtfsFeedReportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Provider rule (FeedReportAccessFilter): the provider's feed-reports right, the administrator, or stop-maps.
        var group = app.MapGroup("/gtfs/feeds/{feedId}/versions").WithTags("Stop maps")
            .RequireFeedReportAccess(FeedKind.Gtfs, readerProduct: Products.StopMaps);
        group.MapGet("", VersionsAsync).WithSummary("Versions of a GTFS feed, newest first, with their validation summary.");
        group.MapGet("/{id:long}/report.json", ReportJsonAsync).WithSummary("The validator's JSON report of one version.");
        group.MapGet("/{id:long}/report.html", ReportHtmlAsync).WithSummary("The validation report of one version as a readable HTML page.");
    }

    private static async Task<IResult> VersionsAsync(HttpContext http, HubDbContext db, string feedId, CancellationToken ct)
    {
        var current = await db.Set<GtfsFeedState>().AsNoTracking().Where(s => s.FeedId == feedId).Select(s => s.CurrentVersionId).FirstOrDefaultAsync(ct);
        var versions = await db.Set<GtfsFeedVersion>().AsNoTracking().Where(v => v.FeedId == feedId).OrderByDescending(v => v.Id)
            .Select(v => new
            {
                v.Id,
                v.Sha256,
                v.FetchedAt,
                v.Loaded,
                v.RejectedReason,
                v.ErrorCount,
                v.WarningCount,
                v.InfoCount,
                v.FeedStartDate,
                v.FeedEndDate,
                v.StopCount,
                v.StopTimeCount,
                HasReport = v.ReportJson != null,
            }).ToListAsync(ct);
        http.SetRowsReturned(versions.Count);
        return Results.Json(new
        {
            feed_id = feedId,
            versions = versions.Select(v => new
            {
                id = v.Id,
                sha256 = v.Sha256,
                fetched_at = v.FetchedAt,
                current = v.Id == current,
                loaded = v.Loaded,
                rejected_reason = v.RejectedReason,
                validation = new { errors = v.ErrorCount, warnings = v.WarningCount, infos = v.InfoCount },
                feed_start_date = v.FeedStartDate,
                feed_end_date = v.FeedEndDate,
                stop_count = v.StopCount,
                stop_time_count = v.StopTimeCount,
                report_json = v.HasReport ? $"/gtfs/feeds/{Uri.EscapeDataString(feedId)}/versions/{v.Id}/report.json" : null,
                report_html = v.HasReport ? $"/gtfs/feeds/{Uri.EscapeDataString(feedId)}/versions/{v.Id}/report.html" : null,
            }),
        });
    }

    private static async Task<IResult> ReportJsonAsync(HttpContext http, HubDbContext db, string feedId, long id, CancellationToken ct)
    {
        var json = await ReportOfAsync(db, feedId, id, ct);
        http.SetRowsReturned(json is null ? 0 : 1);
        return json is null ? NotFound(feedId, id) : Results.Text(WithoutServerPath(json, feedId, id), "application/json; charset=utf-8");
    }

    private static async Task<IResult> ReportHtmlAsync(HttpContext http, HubDbContext db, string feedId, long id, CancellationToken ct)
    {
        var json = await ReportOfAsync(db, feedId, id, ct);
        http.SetRowsReturned(json is null ? 0 : 1);
        return json is null
            ? NotFound(feedId, id)
            : Results.Text(ValidationReportWriter.ToHtml(ValidationReportReader.ReadJson(WithoutServerPath(json, feedId, id))), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The stored report names the file the validator read (a path on the server, or a temporary copy of a download):
    /// members see the feed id, the version and the kind of source instead, never where the server keeps it.
    /// </summary>
    internal static string WithoutServerPath(string json, string feedId, long id)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json);
        if (node is System.Text.Json.Nodes.JsonObject report)
        {
            report["feed"] = $"{feedId} (version {id})";
        }
        return node?.ToJsonString() ?? json;
    }

    private static Task<string?> ReportOfAsync(HubDbContext db, string feedId, long id, CancellationToken ct) =>
        db.Set<GtfsFeedVersion>().AsNoTracking().Where(v => v.FeedId == feedId && v.Id == id).Select(v => v.ReportJson).FirstOrDefaultAsync(ct);

    private static IResult NotFound(string feedId, long id) =>
        Results.Problem(statusCode: 404, title: "Report not found", detail: $"Feed '{feedId}' has no version {id} with a validation report.");
}
