using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Ingestion.Mds.Freshness;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using DataGouvTerr.Hub.Ingestion.Mds.Retention;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using Hangfire;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>
/// The single table of recurring jobs. Ids are stable (Hangfire keys its schedule on them); cron strings come
/// from the contract (per-feed schedules) or from options under <c>Jobs:Cron:&lt;id&gt;</c>.
/// Features add their rows here so the whole schedule reads in one place.
/// </summary>
public static class RecurringJobTable
{
    /// <summary>Prefix of every id this table owns; rows with it that are no longer listed are removed.</summary>
    public const string Prefix = "dgt:";

    public static IEnumerable<RecurringJobDefinition> Rows(MobilityContract contract, IConfiguration configuration)
    {
        var rows = new List<RecurringJobDefinition>();
        // One block per feature below; each names its job id, its cron and the job method.

        // MDS: Provider API pull, one job per MDS feed of the contract with Mds:Pull:<feedId>:BaseUrl configured.
        foreach (var (feedId, pull) in MdsPullFeature.ConfiguredFeeds(configuration).Where(f => contract.FindFeed(f.FeedId)?.Kind == FeedKind.Mds))
        {
            var id = $"{Prefix}mds-pull:{feedId}";
            rows.Add(new RecurringJobDefinition(id, CronFor(configuration, id, pull.Cron),
                (m, jobId, cron) => m.AddOrUpdate<MdsPullJob>(jobId, j => j.RunAsync(feedId, CancellationToken.None), cron)));
        }

        // MDS: freshness/coverage recording and RGPD retention of raw data (Ingestion/Mds/Freshness, .../Retention).
        rows.Add(new RecurringJobDefinition(MdsFreshnessJob.JobId, CronFor(configuration, MdsFreshnessJob.JobId, MdsFreshnessFeature.DefaultCron),
            (m, id, cron) => m.AddOrUpdate<MdsFreshnessJob>(id, j => j.RunAsync(CancellationToken.None), cron)));
        rows.Add(new RecurringJobDefinition(MdsRetentionJob.JobId, CronFor(configuration, MdsRetentionJob.JobId, MdsRetentionFeature.DefaultCron),
            (m, id, cron) => m.AddOrUpdate<MdsRetentionJob>(id, j => j.RunAsync(CancellationToken.None), cron)));

        // Obligations and sanctions (contract point 4): judged every 15 minutes by default.
        rows.Add(new RecurringJobDefinition(
            Obligations.ObligationEvaluationJob.RecurringId,
            CronFor(configuration, Obligations.ObligationEvaluationJob.RecurringId, "*/15 * * * *"),
            (manager, id, cron) => manager.AddOrUpdate<Obligations.ObligationEvaluationJob>(
                id, job => job.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));

        // Governance: close proposals at the end of their vote, apply adopted versions at their effective date, end
        // emergency suspensions at their term (Governance/GovernanceJob).
        rows.Add(new RecurringJobDefinition(
            Governance.GovernanceJob.RecurringId,
            CronFor(configuration, Governance.GovernanceJob.RecurringId, "*/15 * * * *"),
            (manager, id, cron) => manager.AddOrUpdate<Governance.GovernanceJob>(
                id, job => job.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));

        // GBFS: one tick enqueues a poll per GBFS feed; each poll fetches only the files due (ttl, feed schedule).
        // Cron: Jobs:Cron:dgt:gbfs-tick, else Gbfs:TickCron, else every minute.
        if (contract.FeedsOfKind(FeedKind.Gbfs).Any())
        {
            var tick = configuration[$"{GbfsOptions.SectionName}:{nameof(GbfsOptions.TickCron)}"] ?? new GbfsOptions().TickCron;
            rows.Add(new RecurringJobDefinition(GbfsTickJob.RecurringJobId, CronFor(configuration, GbfsTickJob.RecurringJobId, tick),
                (manager, id, cron) => manager.AddOrUpdate<GbfsTickJob>(id, job => job.RunAsync(CancellationToken.None), cron)));
        }

        // GTFS: one ingestion row per scheduled GTFS feed, cron from the feed's schedule (Ingestion/Gtfs).
        rows.AddRange(Ingestion.Gtfs.GtfsIngestionJob.Rows(contract));

        // Flows: aggregation and per-member publication (Publishing/Flows).
        rows.Add(Publishing.Flows.FlowsFeature.RefreshJobRow(configuration));
        return rows;
    }

    /// <summary>The cron string of a job: <c>Jobs:Cron:&lt;id&gt;</c> when configured, else the table's default.</summary>
    public static string CronFor(IConfiguration configuration, string id, string fallback) =>
        configuration[$"Jobs:Cron:{id}"] ?? fallback;
}
