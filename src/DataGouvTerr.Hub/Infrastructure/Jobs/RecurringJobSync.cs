using DataGouvTerr.Hub.Contracts;
using Hangfire;
using Hangfire.Storage;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>
/// Makes Hangfire's recurring schedule equal to <see cref="RecurringJobTable"/> for the current contract: at
/// start-up and whenever a new contract version is applied (feeds and schedules may have changed).
/// </summary>
internal sealed class RecurringJobSync(
    IServiceScopeFactory scopes,
    IRecurringJobManager manager,
    JobStorage storage,
    IConfiguration configuration,
    ContractChangeSignal changes,
    ILogger<RecurringJobSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not synchronise the recurring job schedule");
            }
            await changes.WaitAsync(TimeSpan.FromMinutes(5), stoppingToken);
        }
    }

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var contract = await scope.ServiceProvider.GetRequiredService<IContractProvider>().GetCurrentAsync(cancellationToken);
        var rows = RecurringJobTable.Rows(contract, configuration).ToList();
        foreach (var row in rows)
        {
            row.Register(manager, row.Id, row.Cron);
        }
        using var connection = storage.GetConnection();
        var wanted = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(RecurringJobTable.Prefix, StringComparison.Ordinal) && !wanted.Contains(j.Id)))
        {
            manager.RemoveIfExists(stale.Id);
        }
        logger.LogInformation("Recurring jobs synchronised with contract {Version}: {Count} job(s)", contract.Version, rows.Count);
    }
}
