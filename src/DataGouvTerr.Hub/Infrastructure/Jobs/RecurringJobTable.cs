using DataGouvTerr.Domain.Contracts;

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
        _ = contract.Feeds;
        rows.Add(Publishing.Flows.FlowsFeature.RefreshJobRow(configuration));
        return rows;
    }

    /// <summary>The cron string of a job: <c>Jobs:Cron:&lt;id&gt;</c> when configured, else the table's default.</summary>
    public static string CronFor(IConfiguration configuration, string id, string fallback) =>
        configuration[$"Jobs:Cron:{id}"] ?? fallback;
}
