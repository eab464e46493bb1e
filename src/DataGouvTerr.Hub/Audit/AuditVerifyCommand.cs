using System.CommandLine;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Audit;

/// <summary><c>audit verify</c>: recomputes the audit chain; exits 1 and names the first broken entry when it does not hold.</summary>
internal sealed class AuditVerifyCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var verify = new Command("verify", "Recompute every audit entry's hash; report the first broken entry and exit 1 if any.");
        verify.SetAction(async (_, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (!result.Intact)
            {
                Console.Error.WriteLine($"Audit chain BROKEN at entry {result.FirstBrokenId}: {result.Reason}");
                Console.Error.WriteLine($"{result.EntriesChecked} entries before it verified.");
                return 1;
            }
            Console.WriteLine($"Audit chain intact: {result.EntriesChecked} entries verified.");
            return 0;
        });
        return new Command("audit", "Check the tamper-evident audit log.") { verify };
    }
}
