using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Obligations;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// Cheap conflict resolution: a member contests a sanction (or the finding that its obligation is breached) with a
/// reasoned statement, within the contract's <c>contest_within</c>; the mediator named in the contract decides within
/// <c>decide_within</c>: uphold, lift (the sanctions go and the ladder restarts from the decision) or amend (the breach
/// is taken as observed from another instant). While a dispute is open the obligation's ladder does not climb.
/// </summary>
public sealed class DisputeService(HubDbContext db, IContractProvider contracts, MemberNotices notices, TimeProvider clock)
{
    /// <summary>Shortest statement accepted: a dispute says why, not only "no".</summary>
    public const int MinStatementLength = 20;

    public async Task<DisputeRecord> OpenAsync(string memberId, string? obligationId, long? sanctionId, string? statement, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        var now = clock.GetUtcNow();
        var obligation = contract.Obligations.FirstOrDefault(o => o.Id == obligationId && o.MemberId == memberId)
            ?? throw new GovernanceRefusedException(obligationId is null ? 400 : 403, "Not your obligation",
                $"Member '{memberId}' has no obligation '{obligationId}' under contract {contract.Version}: a member contests only its own sanctions and findings.");
        if (string.IsNullOrWhiteSpace(statement) || statement.Trim().Length < MinStatementLength)
        {
            throw new GovernanceRefusedException(400, "A reasoned statement is needed", $"Say why the finding or sanction is wrong, in at least {MinStatementLength} characters (statement).");
        }
        if (sanctionId is { } id)
        {
            var sanction = await db.Set<SanctionRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
            if (sanction is null || sanction.MemberId != memberId || sanction.ObligationId != obligation.Id)
            {
                throw new GovernanceRefusedException(404, "No such sanction", $"Member '{memberId}' has no sanction #{id} under obligation '{obligation.Id}'.");
            }
            if (now - sanction.Since > contract.Governance.ContestWithin)
            {
                throw new GovernanceRefusedException(409, "Too late to contest",
                    $"Sanction #{id} dates from {sanction.Since:u}; the contract allows contesting within {contract.Governance.ContestWithin.TotalDays} day(s).");
            }
        }
        else
        {
            var status = await db.Set<ObligationStatusRecord>().AsNoTracking().FirstOrDefaultAsync(s => s.ObligationId == obligation.Id, ct);
            if (status?.State != ObligationStates.Breached)
            {
                throw new GovernanceRefusedException(409, "Nothing to contest", $"Obligation '{obligation.Id}' is not found in breach (state {status?.State ?? "not evaluated"}).");
            }
        }
        if (await db.Set<DisputeRecord>().AnyAsync(d => d.MemberId == memberId && d.ObligationId == obligation.Id && d.State == DisputeStates.Open, ct))
        {
            throw new GovernanceRefusedException(409, "Already contested", $"A dispute on obligation '{obligation.Id}' is already open before the mediator.");
        }
        var dispute = new DisputeRecord
        {
            MemberId = memberId,
            ObligationId = obligation.Id,
            SanctionId = sanctionId,
            Statement = statement.Trim(),
            OpenedAt = now,
            DecideBy = now + contract.Governance.DecideWithin,
            State = DisputeStates.Open,
        };
        db.Add(dispute);
        await db.SaveChangesAsync(ct);
        var mediator = contract.MediatorId ?? "";
        foreach (var party in new[] { memberId, mediator }.Distinct())
        {
            notices.Add(party, "dispute_opened", $"dispute:{dispute.Id}",
                $"Contestation n° {dispute.Id} de {memberId} sur l'obligation « {obligation.Id} » : le médiateur ({mediator}) décide avant le {dispute.DecideBy:u}. La sanction suivante attend sa décision.",
                $"Dispute #{dispute.Id} by {memberId} on obligation '{obligation.Id}': the mediator ({mediator}) decides by {dispute.DecideBy:u}. The next sanction waits for the decision.");
        }
        await notices.SaveAsync(ct);
        return dispute;
    }

    public async Task<DisputeRecord> DecideAsync(long disputeId, string mediatorId, string? decision, string? reason, DateTimeOffset? observedSince, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        if (contract.MediatorId != mediatorId)
        {
            throw new GovernanceRefusedException(403, "Not the mediator", $"Disputes are decided by the mediator named in contract {contract.Version} ({contract.MediatorId}), not by '{mediatorId}'.");
        }
        var dispute = await db.Set<DisputeRecord>().FirstOrDefaultAsync(d => d.Id == disputeId, ct)
            ?? throw new GovernanceRefusedException(404, "No such dispute", $"There is no dispute #{disputeId}.");
        if (dispute.State != DisputeStates.Open)
        {
            throw new GovernanceRefusedException(409, "Already decided", $"Dispute #{dispute.Id} was {dispute.State} on {dispute.DecidedAt:u}.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new GovernanceRefusedException(400, "A reasoned decision is needed", "Give the reason of the decision (reason): the parties read it.");
        }
        var now = clock.GetUtcNow();
        var active = await db.Set<SanctionRecord>()
            .Where(s => s.MemberId == dispute.MemberId && s.ObligationId == dispute.ObligationId && s.LiftedAt == null).ToListAsync(ct);
        var status = await db.Set<ObligationStatusRecord>().FirstOrDefaultAsync(s => s.ObligationId == dispute.ObligationId, ct);
        switch (decision)
        {
            case "uphold":
                dispute.State = DisputeStates.Upheld;
                break;
            case "lift":
                dispute.State = DisputeStates.Lifted;
                active.ForEach(s => s.LiftedAt = now);
                if (status is not null && status.ObservedSince is not null)
                {
                    status.ObservedSince = now; // if the breach goes on, it is observed afresh: the ladder restarts from here
                }
                break;
            case "amend":
                if (observedSince is not { } from || from > now || (status?.InForceSince is { } inForce && from < inForce))
                {
                    throw new GovernanceRefusedException(400, "Amend needs a date",
                        "To amend the finding, give observed_since: the instant (not in the future, not before the obligation came into force) the breach counts from.");
                }
                dispute.State = DisputeStates.Amended;
                active.ForEach(s => s.LiftedAt = now); // the ladder climbs again from the amended start, one step at a time
                if (status is not null)
                {
                    status.ObservedSince = from;
                }
                break;
            default:
                throw new GovernanceRefusedException(400, "Invalid decision", $"'{decision}' is not a decision: uphold, lift or amend.");
        }
        dispute.Decision = reason.Trim();
        dispute.DecidedBy = mediatorId;
        dispute.DecidedAt = now;
        foreach (var party in new[] { dispute.MemberId, mediatorId }.Distinct())
        {
            var (fr, en) = dispute.State switch
            {
                DisputeStates.Upheld => ("maintenue", "upheld"),
                DisputeStates.Lifted => ("levée", "lifted"),
                _ => ($"amendée (manquement compté à partir du {observedSince:u})", $"amended (breach counted from {observedSince:u})"),
            };
            notices.Add(party, $"dispute_{dispute.State}", $"dispute:{dispute.Id}",
                $"Contestation n° {dispute.Id} (obligation « {dispute.ObligationId} ») : sanction {fr} par le médiateur. Motif : {dispute.Decision}",
                $"Dispute #{dispute.Id} (obligation '{dispute.ObligationId}'): sanction {en} by the mediator. Reason: {dispute.Decision}");
        }
        await notices.SaveAsync(ct);
        return dispute;
    }
}
