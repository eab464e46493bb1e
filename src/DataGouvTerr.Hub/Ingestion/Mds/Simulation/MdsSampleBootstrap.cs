using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Simulation;

/// <summary>
/// At start-up of a hub on the embedded default store (SQLite) that runs jobs, enqueues the sample import so the demo
/// has MDS data and members see their products at once; the import skips when the feed already has data. PostgreSQL deployments are real ones: no sample.
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
            var import = jobs.Enqueue<MdsSampleImportJob>(j => j.RunAsync(CancellationToken.None));
            // The demo should show products at once, not at the next hourly refresh: aggregate right after the import.
            jobs.ContinueJobWith<Publishing.Flows.FlowRefreshJob>(import, j => j.RunAsync(CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
