using DataGouvTerr.Hub.Infrastructure.Jobs;
using Hangfire;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>
/// Polls one GBFS feed. Takes the feed id only; holds the feed lock so two workers never poll the same feed; safe
/// to run twice (an unchanged fetch is skipped, a snapshot replaces its own time bin).
/// </summary>
public sealed class GbfsPollJob(GbfsPoller poller, IFeedLock feedLock, ILogger<GbfsPollJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(string feedId, CancellationToken ct)
    {
        using var held = await feedLock.AcquireAsync(feedId, cancellationToken: ct);
        var report = await poller.PollAsync(feedId, ct);
        logger.LogInformation("GBFS feed {FeedId}: {Outcome}, fetched {Files}, {Notices} notices",
            feedId, report.Outcome, string.Join(",", report.FetchedFiles), report.Notices.Count);
    }
}

/// <summary>
/// The recurring GBFS tick: enqueues one <see cref="GbfsPollJob"/> per pulled GBFS feed of the current contract.
/// Each poll then fetches only the files that are due, so ticking often costs little.
/// </summary>
public sealed class GbfsTickJob(GbfsFeedSource feeds, IBackgroundJobClient jobs)
{
    public const string RecurringJobId = "dgt:gbfs-tick";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var feedId in await feeds.FeedIdsAsync(ct))
        {
            jobs.Enqueue<GbfsPollJob>(job => job.RunAsync(feedId, CancellationToken.None));
        }
    }
}
