using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Simulation;

/// <summary>
/// At start-up of a hub on the embedded default store (SQLite) that runs jobs, enqueues the sample import so the demo
/// has MDS data; the job itself skips when the feed already has data. PostgreSQL deployments are real ones: no sample.
/// </summary>
internal sealed class MdsSampleBootstrap(
    IBackgroundJobClient jobs,
    IOptions<StoreOptions> store,
    IOptions<HubRoleOptions> role,
    IOptions<MdsSampleOptions> sample) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.Value.IsPostgres && role.Value.RunsJobs && sample.Value.ImportWhenEmpty)
        {
            jobs.Enqueue<MdsSampleImportJob>(j => j.RunAsync(CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
