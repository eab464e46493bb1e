using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.GtfsKit.Reading;
using DataGouvTerr.GtfsKit.Validation;
using DataGouvTerr.GtfsKit.Validation.Report;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// Fetch → hash → skip or validate → load a new version → make it current, all for one GTFS feed. Every row of a
/// version and the switch of the current version are written in one transaction, so a failed load leaves the
/// previous version current and nothing half-loaded behind.
/// </summary>
public sealed class GtfsIngestor(
    HubDbContext db,
    IContractProvider contracts,
    GtfsFeedFetcher fetcher,
    TimeProvider clock,
    IOptions<GtfsOptions> options,
    ILogger<GtfsIngestor> logger)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public async Task<GtfsIngestOutcome> IngestAsync(string feedId, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        var feed = contract.FindFeed(feedId);
        if (feed is not { Kind: FeedKind.Gtfs, Source.Length: > 0 })
        {
            return GtfsIngestOutcome.UnknownFeed;
        }

        var state = await db.Set<GtfsFeedState>().FindAsync([feedId], ct);
        if (state is null)
        {
            state = new GtfsFeedState { FeedId = feedId };
            db.Add(state);
        }
        var now = clock.GetUtcNow();
        state.LastAttemptAt = now;

        GtfsFetched fetched;
        try
        {
            fetched = await fetcher.FetchAsync(feed, state, ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // A fetch failure is transient until it repeats: count it, mark the feed failing past the bound, and
            // rethrow so Hangfire's bounded retry tries again.
            await RecordFailureAsync(state, $"fetch failed: {e.Message}", ct);
            throw;
        }

        try
        {
            if (fetched.NotModified || fetched.Sha256 == state.LastSha256)
            {
                state.ConsecutiveFailures = 0;
                if (state.Status == GtfsFeedStatus.Failing)
                {
                    state.Status = state.CurrentVersionId is null ? GtfsFeedStatus.Invalid : GtfsFeedStatus.Ok;
                }
                await db.SaveChangesAsync(ct);
                return GtfsIngestOutcome.Unchanged;
            }
            return await LoadAsync(feedId, state, fetched, now, ct);
        }
        finally
        {
            if (fetched.IsTemporary && fetched.FilePath is not null)
            {
                File.Delete(fetched.FilePath);
            }
        }
    }

    private async Task<GtfsIngestOutcome> LoadAsync(string feedId, GtfsFeedState state, GtfsFetched fetched, DateTimeOffset now, CancellationToken ct)
    {
        var version = new GtfsFeedVersion { FeedId = feedId, Sha256 = fetched.Sha256!, FetchedAt = now };
        var report = GtfsValidator.Validate(fetched.FilePath!, new GtfsValidationOptions { TimeProvider = clock });
        version.ErrorCount = report.ErrorCount;
        version.WarningCount = report.WarningCount;
        version.InfoCount = report.InfoCount;
        version.ReportJson = ValidationReportWriter.ToJson(report);

        GtfsFeed? gtfs = null;
        if (report.HasErrors)
        {
            version.RejectedReason = $"{report.ErrorCount} validation errors: " + string.Join(", ",
                report.Summary.Where(s => s.Severity == GtfsNoticeSeverity.Error).Take(5).Select(s => $"{s.Code} ({s.Count})"));
        }
        else
        {
            try
            {
                gtfs = GtfsFeed.Read(fetched.FilePath!);
            }
            catch (GtfsReadException e)
            {
                version.RejectedReason = "unreadable feed: " + e.Message;
            }
        }

        state.LastSha256 = fetched.Sha256;
        state.LastETag = fetched.ETag;
        state.LastModified = fetched.LastModified;
        if (gtfs is null)
        {
            // Invalid data is a recorded outcome, not a retryable failure: the same bytes would fail the same way.
            db.Add(version);
            state.Status = GtfsFeedStatus.Invalid;
            state.LastError = version.RejectedReason;
            state.ConsecutiveFailures = 0;
            await db.SaveChangesAsync(ct);
            logger.LogWarning("GTFS feed {FeedId} rejected: {Reason}", feedId, version.RejectedReason);
            return GtfsIngestOutcome.Rejected;
        }

        var info = gtfs.FeedInfo.Count > 0 ? gtfs.FeedInfo[0] : null;
        var calendarDates = gtfs.Calendar.SelectMany(c => new[] { c.StartDate, c.EndDate }).OfType<DateOnly>().ToList();
        version.FeedStartDate = info?.FeedStartDate ?? (calendarDates.Count > 0 ? calendarDates.Min() : null);
        version.FeedEndDate = info?.FeedEndDate ?? (calendarDates.Count > 0 ? calendarDates.Max() : null);
        version.StopCount = gtfs.Stops.Count;
        version.StopTimeCount = gtfs.StopTimes.Count;
        version.Loaded = true;

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Add(version);
            await db.SaveChangesAsync(ct);
            await LoadRowsAsync(version.Id, gtfs, ct);
            state.CurrentVersionId = version.Id;
            state.Status = GtfsFeedStatus.Ok;
            state.LastError = null;
            state.ConsecutiveFailures = 0;
            await db.SaveChangesAsync(ct);
            await PruneAsync(feedId, ct);
            await transaction.CommitAsync(ct);
        });
        logger.LogInformation("GTFS feed {FeedId}: version {VersionId} current ({StopTimes} stop_times)", feedId, version.Id, version.StopTimeCount);
        return GtfsIngestOutcome.Loaded;
    }

    private async Task LoadRowsAsync(long versionId, GtfsFeed gtfs, CancellationToken ct)
    {
        db.AddRange(gtfs.Stops.Select(s => new GtfsStopRecord
        {
            VersionId = versionId,
            StopId = s.StopId,
            StopName = s.StopName,
            LocationType = s.LocationType ?? 0,
            Location = s is { StopLon: { } lon, StopLat: { } lat } ? Factory.CreatePoint(new Coordinate(lon, lat)) : null,
        }));
        // Stops go through EF: their points need the provider's geometry mapping (SQLite's WKB and bounding-box
        // columns). Routes, trips and stop_times are bulk-loaded.
        await db.SaveChangesAsync(ct);
        await GtfsBulkLoader.LoadFeedAsync(db, versionId, gtfs, ct);
        await GtfsStopMapLoader.WriteAsync(db, versionId, gtfs, ct);
    }

    /// <summary>Deletes loaded versions beyond <see cref="GtfsOptions.KeepVersions"/>, never the current one; rejected versions keep their summary row.</summary>
    private async Task PruneAsync(string feedId, CancellationToken ct)
    {
        var keep = Math.Max(1, options.Value.KeepVersions);
        var old = await db.Set<GtfsFeedVersion>().Where(v => v.FeedId == feedId && v.Loaded)
            .OrderByDescending(v => v.Id).Skip(keep).Select(v => v.Id).ToListAsync(ct);
        foreach (var id in old)
        {
            await db.Set<GtfsStopTimeRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsTripRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsRouteRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsStopRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsServiceDateRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsFrequencyRunRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsStopDayStatsRecord>().Where(r => r.VersionId == id).ExecuteDeleteAsync(ct);
            await db.Set<GtfsFeedVersion>().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Loaded, false).SetProperty(v => v.RejectedReason, "pruned"), ct);
        }
    }

    private async Task RecordFailureAsync(GtfsFeedState state, string reason, CancellationToken ct)
    {
        state.ConsecutiveFailures++;
        state.LastError = reason;
        if (state.ConsecutiveFailures >= options.Value.MaxConsecutiveFailures)
        {
            state.Status = GtfsFeedStatus.Failing;
        }
        await db.SaveChangesAsync(ct);
    }
}
