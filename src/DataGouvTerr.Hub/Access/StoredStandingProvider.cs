using DataGouvTerr.Domain.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Access;

/// <summary>A member's standing from the sanctions in effect in the store (shared by every process).</summary>
internal sealed class StoredStandingProvider(IServiceScopeFactory scopes) : IMemberStandingProvider
{
    public async Task<MemberStanding> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var active = await db.Set<SanctionRecord>().AsNoTracking()
            .Where(s => s.MemberId == memberId && s.LiftedAt == null && s.Action == "suspend_rights")
            .ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return MemberStanding.Good;
        }
        var suspended = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in active)
        {
            foreach (var product in s.Products.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                suspended.TryAdd(product, $"obligation '{s.ObligationId}' not met since {s.Since:u} ({s.Reason})");
            }
        }
        return new MemberStanding(suspended);
    }
}
