using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>Applies the provider's migration set; used at start-up and by the <c>migrate</c> verb.</summary>
public sealed class StoreMigrator(HubDbContext db, ILogger<StoreMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count,
                db.IsPostgres ? "postgres" : "sqlite", string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
        return pending;
    }
}

/// <summary>
/// Something the store needs before the hub serves or a verb runs (schema, then the contract). Run in
/// <see cref="Order"/> by the host at start-up and by the CLI before a verb that uses the store.
/// </summary>
public interface IStoreInitializer
{
    int Order { get; }

    Task InitializeAsync(IServiceProvider scopedServices, CancellationToken cancellationToken);
}

/// <summary>Pending migrations first, when <c>Store:MigrateOnStartup</c> is on.</summary>
internal sealed class MigrationInitializer(IOptions<StoreOptions> options) : IStoreInitializer
{
    public int Order => 0;

    public Task InitializeAsync(IServiceProvider scopedServices, CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup
            ? scopedServices.GetRequiredService<StoreMigrator>().MigrateAsync(cancellationToken)
            : Task.CompletedTask;
}

/// <summary>Runs every <see cref="IStoreInitializer"/> before any other hosted service starts.</summary>
public sealed class StoreInitialization(IServiceScopeFactory scopes, IEnumerable<IStoreInitializer> initializers) : IHostedLifecycleService
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var initializer in initializers.OrderBy(i => i.Order))
        {
            await using var scope = scopes.CreateAsyncScope();
            await initializer.InitializeAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
