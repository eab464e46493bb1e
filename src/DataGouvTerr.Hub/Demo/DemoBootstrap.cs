using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Demo;

/// <summary>
/// At start-up of a hub on the embedded default store (SQLite) that runs jobs, enqueues the demo load so a new user
/// sees products at once; the load skips feeds that already have data. PostgreSQL deployments are real ones: they
/// load the demo only when asked (<c>demo load</c>).
/// </summary>
internal sealed class DemoBootstrap(
    IBackgroundJobClient jobs,
    IOptions<StoreOptions> store,
    IOptions<HubRoleOptions> role,
    IOptions<DemoOptions> demo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.Value.IsPostgres && role.Value.RunsJobs && demo.Value.LoadWhenEmpty)
        {
            jobs.Enqueue<DemoLoadJob>(j => j.RunAsync(CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
