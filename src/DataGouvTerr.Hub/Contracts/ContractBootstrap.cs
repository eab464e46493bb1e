using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Contracts;

/// <summary>
/// On a store without a contract, applies the configured file before the hub serves anything. An invalid file
/// stops the start-up with every error listed: the hub never runs without a valid contract.
/// </summary>
internal sealed class ContractBootstrap(IOptions<ContractOptions> options, ILogger<ContractBootstrap> logger) : IStoreInitializer
{
    public int Order => 10;

    public async Task InitializeAsync(IServiceProvider scopedServices, CancellationToken cancellationToken)
    {
        var store = scopedServices.GetRequiredService<ContractStore>();
        var current = await store.CurrentRecordAsync(cancellationToken);
        if (current is not null)
        {
            logger.LogInformation("Contract {Version} (applied {AppliedAt:u} by {AppliedBy}) is in force", current.Version, current.AppliedAt, current.AppliedBy);
            return;
        }
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The store holds no contract and the contract file '{path}' does not exist (setting Contract:Path).");
        }
        var result = await store.ApplyFileAsync(path, "start-up", cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The hub refuses to start: contract file '{path}' is invalid ({result.Errors.Count} error(s)):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", result.Errors));
        }
        logger.LogInformation("Applied contract {Version} from {Path}", result.Applied!.Version, path);
    }
}
