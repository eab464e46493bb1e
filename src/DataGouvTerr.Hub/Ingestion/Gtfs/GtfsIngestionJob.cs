using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using Hangfire;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// Ingests one GTFS feed of the contract. Takes the feed id only; holds the feed lock so two workers never load the
/// same feed; safe to run twice (the second run sees the same hash and skips). Retries are bounded; the ingestor
/// marks the feed failing once failures repeat.
/// </summary>
public sealed class GtfsIngestionJob(GtfsIngestor ingestor, IFeedLock feedLock, ILogger<GtfsIngestionJob> logger)
{
    /// <summary>Recurring id of a feed's ingestion row in the job table.</summary>
    public static string RecurringId(string feedId) => $"{RecurringJobTable.Prefix}gtfs-ingest:{feedId}";

    [AutomaticRetry(Attempts = 3)]
    public async Task<GtfsIngestOutcome> RunAsync(string feedId, CancellationToken ct)
    {
        using var held = await feedLock.AcquireAsync(feedId, cancellationToken: ct);
        var outcome = await ingestor.IngestAsync(feedId, ct);
        logger.LogInformation("GTFS feed {FeedId}: {Outcome}", feedId, outcome);
        return outcome;
    }

    /// <summary>One recurring row per GTFS feed with a schedule (file or url source), cron from the contract.</summary>
    public static IEnumerable<RecurringJobDefinition> Rows(MobilityContract contract) =>
        contract.FeedsOfKind(FeedKind.Gtfs)
            .Where(f => f.SourceKind != FeedSourceKind.Push && !string.IsNullOrEmpty(f.Schedule))
            .Select(f => new RecurringJobDefinition(RecurringId(f.Id), f.Schedule!,
                (manager, id, cron) => manager.AddOrUpdate<GtfsIngestionJob>(id, job => job.RunAsync(f.Id, CancellationToken.None), cron,
                    new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));
}
