using DataGouvTerr.Domain.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Obligations;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// A member's standing from the store (shared by every process): products suspended by sanctions in effect
/// (obligation ladders, time-limited emergency suspensions), and, by reciprocity, the products of rights the
/// contract makes conditional on the holder's own obligations while one of them is in breach.
/// </summary>
internal sealed class StoredStandingProvider(IServiceScopeFactory scopes, IContractProvider contracts, TimeProvider clock) : IMemberStandingProvider
{
    public async Task<MemberStanding> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow();
        var active = (await db.Set<SanctionRecord>().AsNoTracking()
            .Where(s => s.MemberId == memberId && s.LiftedAt == null && s.Action == ObligationStates.SuspendRights)
            .ToListAsync(cancellationToken))
            .Where(s => s.Until is null || s.Until > now) // an emergency suspension ends at its term even before the job lifts it
            .ToList();
        var suspended = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in active)
        {
            foreach (var product in s.Products.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                suspended.TryAdd(product, s.Until is null
                    ? $"obligation '{s.ObligationId}' not met since {s.Since:u} ({s.Reason})"
                    : $"emergency suspension until {s.Until:u} ({s.Reason})");
            }
        }
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var conditional = contract.RightsOf(memberId).Where(r => r.ConditionalOnObligations).Select(r => r.Product).ToList();
        if (conditional.Count > 0)
        {
            // Only a breach the hub has observed (past the grace period) counts; a feed in grace is not in breach.
            var breach = await db.Set<ObligationStatusRecord>().AsNoTracking()
                .Where(o => o.MemberId == memberId && o.State == ObligationStates.Breached && o.ObservedSince != null)
                .OrderBy(o => o.ObligationId).FirstOrDefaultAsync(cancellationToken);
            if (breach is not null && contract.Obligations.Any(o => o.Id == breach.ObligationId && o.MemberId == memberId))
            {
                foreach (var product in conditional)
                {
                    suspended.TryAdd(product,
                        $"this right is conditional on the member's own obligations, and '{breach.ObligationId}' is breached since {breach.BreachedSince:u} ({breach.Detail})");
                }
            }
        }
        return suspended.Count == 0 ? MemberStanding.Good : new MemberStanding(suspended);
    }
}
