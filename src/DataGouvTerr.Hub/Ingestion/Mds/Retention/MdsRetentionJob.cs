using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Retention;

/// <summary>Rows one retention run deleted for one feed, and the cut-off it used.</summary>
public sealed record MdsRetentionFeedResult(string FeedId, int RetentionDays, DateTimeOffset Cutoff, int Trips, int Events, int Telemetry, int RejectedItems);

/// <summary>
/// RGPD retention of raw MDS data: deletes each MDS feed's trips, events, telemetry and quarantined items older than
/// the feed's <c>retention_days</c> in the contract. Raw records are personal data (a trip is a person's journey);
/// aggregates built from them live in other tables and stay. A row exactly at the cut-off is kept. A trip's age is
/// its end time, events and telemetry their timestamp, a quarantined item its arrival. Safe to run twice.
/// Feeds no longer in the contract keep their rows: removing a feed must not silently erase evidence; an admin
/// decides (the contract's retention cannot be read for a feed it no longer names).
/// </summary>
public sealed class MdsRetentionJob(IContractProvider contracts, HubDbContext db, TimeProvider clock, ILogger<MdsRetentionJob> logger)
{
    public const string JobId = "dgt:mds-retention";

    [AutomaticRetry(Attempts = 3)]
    public async Task<IReadOnlyList<MdsRetentionFeedResult>> RunAsync(CancellationToken cancellationToken)
    {
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var results = new List<MdsRetentionFeedResult>();
        foreach (var feed in contract.FeedsOfKind(FeedKind.Mds))
        {
            var cutoff = now.AddDays(-feed.RetentionDays);
            var cutoffMs = cutoff.ToUnixTimeMilliseconds();
            var feedId = feed.Id;
            // One statement per table, no transaction across them: each delete is complete on its own and a rerun
            // finishes whatever an interrupted run left.
            var trips = await db.Set<MdsTripRecord>().Where(t => t.FeedId == feedId && t.EndTimeMs < cutoffMs).ExecuteDeleteAsync(cancellationToken);
            var events = await db.Set<MdsEventRecord>().Where(e => e.FeedId == feedId && e.TimestampMs < cutoffMs).ExecuteDeleteAsync(cancellationToken);
            var telemetry = await db.Set<MdsTelemetryRecord>().Where(t => t.FeedId == feedId && t.TimestampMs < cutoffMs).ExecuteDeleteAsync(cancellationToken);
            var rejected = await db.Set<MdsRejectedItem>().Where(r => r.FeedId == feedId && r.ReceivedAtMs < cutoffMs).ExecuteDeleteAsync(cancellationToken);
            results.Add(new MdsRetentionFeedResult(feedId, feed.RetentionDays, cutoff, trips, events, telemetry, rejected));
            logger.LogInformation(
                "MDS retention of {FeedId} ({Days} days, before {Cutoff:u}): deleted {Trips} trips, {Events} events, {Telemetry} telemetry points, {Rejected} quarantined items",
                feedId, feed.RetentionDays, cutoff, trips, events, telemetry, rejected);
        }
        return results;
    }
}
