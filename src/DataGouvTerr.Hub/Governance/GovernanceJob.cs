using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// The governance clock: closes proposals whose voting period is over (adopted, rejected or expired), applies adopted
/// versions whose effective date has come, and ends emergency suspensions at their term. Safe to run twice: each
/// step looks at states it then changes.
/// </summary>
public sealed class GovernanceJob(HubDbContext db, ProposalService proposals, MemberNotices notices, IFeedLock locks, TimeProvider clock,
    ILogger<GovernanceJob> logger)
{
    public const string RecurringId = "dgt:governance";

    [AutomaticRetry(Attempts = 3)]
    public async Task<GovernanceRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync("governance", TimeSpan.FromSeconds(30), cancellationToken);
        var now = clock.GetUtcNow();
        var summary = new GovernanceRunSummary();
        var due = await db.Set<ProposalRecord>().Where(p => p.State == ProposalStates.Open).ToListAsync(cancellationToken);
        foreach (var proposal in due.Where(p => p.ClosesAt <= now).OrderBy(p => p.Id))
        {
            await proposals.DecideAsync(proposal, await proposals.TallyAsync(proposal, cancellationToken), "governance job", cancellationToken);
            summary.Closed++;
        }
        var adopted = await db.Set<ProposalRecord>().Where(p => p.State == ProposalStates.Adopted).OrderBy(p => p.EffectiveDate).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        foreach (var proposal in adopted)
        {
            if (await proposals.ApplyIfDueAsync(proposal, cancellationToken))
            {
                summary.Applied++;
            }
        }
        var ended = (await db.Set<SanctionRecord>().Where(s => s.LiftedAt == null && s.Until != null).ToListAsync(cancellationToken))
            .Where(s => s.Until <= now).ToList();
        foreach (var sanction in ended)
        {
            sanction.LiftedAt = sanction.Until;
            notices.Add(MemberNotices.Everyone, "emergency_suspension_ended", sanction.MemberId,
                $"Fin de la suspension d'urgence des droits {sanction.Products} de {sanction.MemberId} ({sanction.Until:u}).",
                $"End of the emergency suspension of {sanction.MemberId}'s rights {sanction.Products} ({sanction.Until:u}).");
            summary.SuspensionsEnded++;
        }
        await notices.SaveAsync(cancellationToken);
        logger.LogInformation("Governance: {Closed} proposal(s) closed, {Applied} applied, {Ended} emergency suspension(s) ended",
            summary.Closed, summary.Applied, summary.SuspensionsEnded);
        return summary;
    }
}

/// <summary>What one governance run changed.</summary>
public sealed class GovernanceRunSummary
{
    public int Closed { get; set; }
    public int Applied { get; set; }
    public int SuspensionsEnded { get; set; }
}
