using System.CommandLine;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// <c>audit verify</c>: rebuilds the audit log's Merkle tree from its entries and checks every stored hash, every head's
/// signature and the checkpoint kept outside the database; exits 1 and names the first broken entry when it does not hold.
/// </summary>
internal sealed class AuditVerifyCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var verify = new Command("verify", "Rebuild the audit log's Merkle tree, check every leaf, subtree, root and head signature and the checkpoint; report the first broken entry and exit 1 if any.");
        verify.SetAction(async (_, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (!result.Intact)
            {
                Console.Error.WriteLine($"Audit log BROKEN at entry {result.FirstBrokenId}: {result.Reason}");
                Console.Error.WriteLine($"{result.EntriesChecked} entries before it verified.");
                return 1;
            }
            Console.WriteLine($"Audit log intact: {result.EntriesChecked} entries verified, every head signed by key "
                + $"{scope.ServiceProvider.GetRequiredService<Transparency.TreeHeadSigner>().KeyId}.");
            if (result.LatestHead is { } head)
            {
                Console.WriteLine($"Latest head: {Transparency.SignedTreeHead.HeaderName}: {head.ToCompact()}");
            }
            return 0;
        });
        return new Command("audit", "Check the audit transparency log.") { verify };
    }
}
