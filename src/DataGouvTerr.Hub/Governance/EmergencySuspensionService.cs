using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Obligations;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// The one thing the administrator may do alone, and only when the contract's governance allows it: suspend a
/// member's rights in an emergency, for at most the contract's maximum duration. The suspension ends by itself at
/// its term, is audited, and is announced to every member.
/// </summary>
public sealed class EmergencySuspensionService(HubDbContext db, IContractProvider contracts, MemberNotices notices, TimeProvider clock)
{
    public async Task<SanctionRecord> SuspendAsync(string adminId, string? memberId, IReadOnlyList<string>? products, string? reason, string? duration, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        if (!contract.Governance.EmergencySuspensionAllowed)
        {
            throw new GovernanceRefusedException(403, "Emergency suspension not allowed", $"Contract {contract.Version} does not allow emergency suspensions (governance.emergency_suspension).");
        }
        if (contract.FindMember(memberId ?? "") is not { } member)
        {
            throw new GovernanceRefusedException(400, "Unknown member", $"'{memberId}' is not a member of contract {contract.Version}.");
        }
        var held = contract.RightsOf(member.Id).Select(r => r.Product).ToHashSet(StringComparer.Ordinal);
        if (products is null || products.Count == 0 || products.Any(p => !held.Contains(p)))
        {
            throw new GovernanceRefusedException(400, "Invalid products", $"Name the products to suspend among the rights of {member.Id}: {string.Join(", ", held.Order(StringComparer.Ordinal))}.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new GovernanceRefusedException(400, "A reason is needed", "Every member reads why (reason).");
        }
        var max = contract.Governance.EmergencySuspensionMaxDuration;
        TimeSpan length;
        if (duration is null)
        {
            length = max;
        }
        else if (!TryDuration(duration, out length) || length <= TimeSpan.Zero || length > max)
        {
            throw new GovernanceRefusedException(400, "Invalid duration", $"'{duration}' is not a duration between 1m and the contract's maximum of {max.TotalHours} h (e.g. 48h, 7d).");
        }
        var now = clock.GetUtcNow();
        var sanction = new SanctionRecord
        {
            MemberId = member.Id,
            ObligationId = $"{EmergencySuspensions.ObligationPrefix}{adminId}",
            Action = ObligationStates.SuspendRights,
            Products = string.Join(",", products.Distinct().Order(StringComparer.Ordinal)),
            Reason = reason.Trim(),
            Since = now,
            Until = now + length,
        };
        db.Add(sanction);
        notices.Add(MemberNotices.Everyone, "emergency_suspension", member.Id,
            $"Suspension d'urgence par {adminId} des droits {sanction.Products} de {member.Id} jusqu'au {sanction.Until:u}. Motif : {sanction.Reason}",
            $"Emergency suspension by {adminId} of {member.Id}'s rights {sanction.Products} until {sanction.Until:u}. Reason: {sanction.Reason}");
        await notices.SaveAsync(ct);
        return sanction;
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            || amount > 100_000)
        {
            return false;
        }
        duration = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }
}
