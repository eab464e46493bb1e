using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// When a job-running hub starts, each pulled GTFS feed of the contract is ingested once without waiting for its
/// schedule (often daily), so stop maps exist from the start. Harmless on a hub that already holds the feed: the
/// job skips an unchanged feed by its hash.
/// </summary>
internal sealed class GtfsStartupIngestion(IBackgroundJobClient jobs, IContractProvider contracts, IOptions<HubRoleOptions> role) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!role.Value.RunsJobs)
        {
            return;
        }
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        foreach (var feed in contract.FeedsOfKind(FeedKind.Gtfs).Where(f => f.SourceKind != FeedSourceKind.Push))
        {
            var feedId = feed.Id;
            jobs.Enqueue<GtfsIngestionJob>(job => job.RunAsync(feedId, CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
