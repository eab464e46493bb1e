using DataGouvTerr.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using DataGouvTerr.Hub.Infrastructure.Persistence;

namespace DataGouvTerr.Hub.Contracts;

/// <summary>
/// Serves the current contract from the store. The parsed contract is cached per process and re-checked
/// against the store's latest version id every few seconds, so a version applied by another process (API or
/// worker) takes effect everywhere without a restart.
/// </summary>
internal sealed class StoreContractProvider(IServiceScopeFactory scopes, TimeProvider clock) : IContractProvider, IDisposable
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Id, MobilityContract Contract, DateTimeOffset CheckedAt)? _cached;

    public async Task<MobilityContract> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        var cached = _cached;
        if (cached is { } c && clock.GetUtcNow() - c.CheckedAt < RecheckEvery)
        {
            return c.Contract;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var latestId = await db.Set<ContractVersionRecord>().MaxAsync(v => (long?)v.Id, cancellationToken)
                ?? throw new InvalidOperationException("No contract has been applied to the store yet.");
            if (_cached is { } known && known.Id == latestId)
            {
                _cached = known with { CheckedAt = clock.GetUtcNow() };
                return known.Contract;
            }
            var record = await db.Set<ContractVersionRecord>().AsNoTracking().SingleAsync(v => v.Id == latestId, cancellationToken);
            var loaded = ContractLoader.Load(record.Yaml, record.Source);
            if (!loaded.IsValid)
            {
                throw new InvalidOperationException(
                    $"Stored contract {record.Version} no longer loads: {string.Join("; ", loaded.Errors)}");
            }
            _cached = (latestId, loaded.Contract!, clock.GetUtcNow());
            return loaded.Contract!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
