using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Hub.Contracts;

/// <summary>The contract in force, as every request and job must see it (read from the store, cached briefly).</summary>
public interface IContractProvider
{
    Task<MobilityContract> GetCurrentAsync(CancellationToken cancellationToken = default);
}
