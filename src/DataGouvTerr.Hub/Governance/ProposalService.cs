using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Governance;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// Amendments by collective choice: a member files a proposal (a full contract file or a change to the one in force),
/// the hub validates it (every error at once), computes its diff, kinds of change and affected members, members vote,
/// and at the close the rules of the contract IN FORCE decide. An adopted version is applied at its effective date by
/// <see cref="GovernanceJob"/>. Nobody applies a version alone through the API, the administrator included: a
/// provider's veto on a wider use of its data cannot be bypassed.
/// </summary>
public sealed class ProposalService(
    HubDbContext db,
    ContractStore store,
    IContractProvider contracts,
    MemberNotices notices,
    TimeProvider clock)
{
    public async Task<ProposalRecord> ProposeAsync(string memberId, string? title, string? fullYaml, string? changesYaml, CancellationToken ct)
    {
        var current = await contracts.GetCurrentAsync(ct);
        if (!current.AmendableBy.Contains(memberId))
        {
            throw new GovernanceRefusedException(403, "Not allowed to propose an amendment",
                $"Contract {current.Version} lets {string.Join(", ", current.AmendableBy)} propose amendments (amendable_by), not '{memberId}'.");
        }
        var currentRecord = await store.CurrentRecordAsync(ct) ?? throw new InvalidOperationException("No contract in force.");
        string yaml;
        if (fullYaml is not null && changesYaml is null)
        {
            yaml = fullYaml;
        }
        else if (changesYaml is not null && fullYaml is null)
        {
            var (merged, error) = ContractPatch.Apply(currentRecord.Yaml, changesYaml);
            yaml = merged ?? throw new GovernanceRefusedException(422, "Invalid proposal", error!);
        }
        else
        {
            throw new GovernanceRefusedException(400, "Invalid proposal", "Give either 'yaml' (the whole new contract) or 'changes' (the keys that change), not both or neither.");
        }
        var loaded = ContractLoader.Load(yaml, $"proposal by {memberId}");
        var errors = loaded.Errors.Select(e => (object)new { source = e.Source, path = e.YamlPath, reason = e.Reason, line = e.Line, column = e.Column }).ToList();
        if (loaded.Contract is { } candidate)
        {
            if (candidate.Version == current.Version || await db.Set<ContractVersionRecord>().AnyAsync(v => v.Version == candidate.Version, ct))
            {
                errors.Add(new { source = "proposal", path = "version", reason = $"version '{candidate.Version}' was already applied; a new version needs a new number", line = (int?)null, column = (int?)null });
            }
            if (await db.Set<ProposalRecord>().AnyAsync(p => p.Version == candidate.Version && (p.State == ProposalStates.Open || p.State == ProposalStates.Adopted), ct))
            {
                errors.Add(new { source = "proposal", path = "version", reason = $"version '{candidate.Version}' is already proposed and not closed", line = (int?)null, column = (int?)null });
            }
        }
        if (errors.Count > 0)
        {
            throw new GovernanceRefusedException(422, "Invalid proposal: nothing was filed", $"{errors.Count} error(s); the contract in force is still {current.Version}.", errors);
        }
        var proposed = loaded.Contract!;
        var analysis = ContractDiff.Compare(current, currentRecord.Yaml, proposed, yaml);
        var now = clock.GetUtcNow();
        var proposal = new ProposalRecord
        {
            Title = string.IsNullOrWhiteSpace(title) ? $"Version {proposed.Version}" : title.Trim(),
            ProposedBy = memberId,
            ProposedAt = now,
            BaseVersion = current.Version,
            Version = proposed.Version,
            EffectiveDate = proposed.EffectiveDate,
            Yaml = yaml,
            ChangeKinds = string.Join(",", analysis.Kinds.Order().Select(VoteTally.Word)),
            AffectedMembers = string.Join(",", analysis.AffectedMembers.Order(StringComparer.Ordinal)),
            AffectedProviders = string.Join(",", analysis.AffectedProviders.Order(StringComparer.Ordinal)),
            DiffJson = JsonSerializer.Serialize(analysis.Lines.Select(l => new DiffLineDto(VoteTally.Word(l.Kind), l.Fr, l.En))),
            ClosesAt = now + current.Governance.VotingPeriod,
            State = ProposalStates.Open,
        };
        db.Add(proposal);
        await db.SaveChangesAsync(ct);
        notices.Add(MemberNotices.Everyone, "proposal_opened", $"proposal:{proposal.Id}",
            $"Proposition n° {proposal.Id} « {proposal.Title} » (version {proposal.Version}) par {memberId} : vote ouvert jusqu'au {proposal.ClosesAt:u}.",
            $"Proposal #{proposal.Id} '{proposal.Title}' (version {proposal.Version}) by {memberId}: voting open until {proposal.ClosesAt:u}.");
        await notices.SaveAsync(ct);
        return proposal;
    }

    public async Task<ProposalTally> TallyAsync(ProposalRecord proposal, CancellationToken ct)
    {
        var votes = await db.Set<VoteRecord>().AsNoTracking().Where(v => v.ProposalId == proposal.Id).ToListAsync(ct);
        var current = await contracts.GetCurrentAsync(ct);
        return VoteTally.Count(current, Kinds(proposal), Split(proposal.AffectedMembers), Split(proposal.AffectedProviders),
            votes.ToDictionary(v => v.MemberId, v => ParseChoice(v.Choice)!.Value, StringComparer.Ordinal));
    }

    public async Task<VoteRecord> VoteAsync(long proposalId, string memberId, string? choiceText, string? reason, CancellationToken ct)
    {
        var proposal = await FindAsync(proposalId, ct);
        if (ParseChoice(choiceText) is not { } choice)
        {
            throw new GovernanceRefusedException(400, "Invalid vote", $"'{choiceText}' is not a choice: vote for, against or abstain.");
        }
        var now = clock.GetUtcNow();
        if (proposal.State != ProposalStates.Open || now >= proposal.ClosesAt)
        {
            throw new GovernanceRefusedException(409, "Voting is closed", $"Proposal #{proposal.Id} is {proposal.State}; voting closed at {proposal.ClosesAt:u}.");
        }
        var tally = await TallyAsync(proposal, ct);
        if (!tally.Voters.Contains(memberId))
        {
            throw new GovernanceRefusedException(403, "Not a voter on this proposal",
                $"Under the rules in force, proposal #{proposal.Id} is voted by {string.Join(", ", tally.Voters.Order(StringComparer.Ordinal))}, not by '{memberId}'.");
        }
        var vote = await db.Set<VoteRecord>().FirstOrDefaultAsync(v => v.ProposalId == proposalId && v.MemberId == memberId, ct);
        if (vote is null)
        {
            vote = new VoteRecord { ProposalId = proposalId, MemberId = memberId, Choice = "", CastAt = now };
            db.Add(vote);
        }
        vote.Choice = Word(choice);
        vote.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        vote.CastAt = now;
        await db.SaveChangesAsync(ct);
        await notices.AuditAsync(memberId, $"vote:{vote.Choice}", $"proposal:{proposal.Id}", vote.Reason ?? "", ct);
        return vote;
    }

    /// <summary>Closes a proposal now: allowed before its term only when every voter has voted (the outcome can no longer change by silence).</summary>
    public async Task<ProposalRecord> CloseAsync(long proposalId, string closedBy, CancellationToken ct)
    {
        var proposal = await FindAsync(proposalId, ct);
        if (proposal.State != ProposalStates.Open)
        {
            throw new GovernanceRefusedException(409, "Already closed", $"Proposal #{proposal.Id} is {proposal.State}.");
        }
        var tally = await TallyAsync(proposal, ct);
        if (clock.GetUtcNow() < proposal.ClosesAt)
        {
            var voted = await db.Set<VoteRecord>().Where(v => v.ProposalId == proposalId).Select(v => v.MemberId).ToListAsync(ct);
            var missing = tally.Voters.Except(voted).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new GovernanceRefusedException(409, "Voting is still open",
                    $"Proposal #{proposal.Id} closes at {proposal.ClosesAt:u}; before then it closes only once every voter has voted (missing: {string.Join(", ", missing)}).");
            }
        }
        await DecideAsync(proposal, tally, closedBy, ct);
        return proposal;
    }

    /// <summary>Decides a proposal from its tally: adopted (and applied at once when its effective date has come), rejected or expired.</summary>
    public async Task DecideAsync(ProposalRecord proposal, ProposalTally tally, string decidedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        proposal.DecidedAt = now;
        proposal.State = tally.Adopted ? ProposalStates.Adopted : tally.QuorumReached ? ProposalStates.Rejected : ProposalStates.Expired;
        proposal.Outcome = string.Join(" ", tally.Rules.Select(r => r.Fr)) + " | " + string.Join(" ", tally.Rules.Select(r => r.En));
        await db.SaveChangesAsync(ct);
        var (fr, en) = proposal.State switch
        {
            ProposalStates.Adopted => ($"adoptée ; elle s'appliquera le {proposal.EffectiveDate:yyyy-MM-dd}", $"adopted; it applies on {proposal.EffectiveDate:yyyy-MM-dd}"),
            ProposalStates.Rejected => ("rejetée", "rejected"),
            _ => ("close sans quorum", "expired without quorum"),
        };
        notices.Add(MemberNotices.Everyone, $"proposal_{proposal.State}", $"proposal:{proposal.Id}",
            $"Proposition n° {proposal.Id} « {proposal.Title} » {fr}. {string.Join(" ", tally.Rules.Select(r => r.Fr))}",
            $"Proposal #{proposal.Id} '{proposal.Title}' {en}. {string.Join(" ", tally.Rules.Select(r => r.En))}");
        await notices.SaveAsync(ct);
        await notices.AuditAsync(decidedBy, $"proposal:{proposal.State}", $"proposal:{proposal.Id}", proposal.Outcome, ct);
        if (proposal.State == ProposalStates.Adopted)
        {
            await ApplyIfDueAsync(proposal, ct);
        }
    }

    /// <summary>Applies an adopted proposal once its effective date has come, unless another version came into force since it was proposed.</summary>
    public async Task<bool> ApplyIfDueAsync(ProposalRecord proposal, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (proposal.State != ProposalStates.Adopted || DateOnly.FromDateTime(now.UtcDateTime) < proposal.EffectiveDate)
        {
            return false;
        }
        // Read from the store, not the provider's short cache: another proposal may have been applied a moment ago.
        var current = await store.CurrentRecordAsync(ct) ?? throw new InvalidOperationException("No contract in force.");
        if (current.Version != proposal.BaseVersion)
        {
            proposal.State = ProposalStates.Superseded;
            proposal.Outcome += $" | Superseded: version {current.Version} came into force before this one's effective date.";
            await db.SaveChangesAsync(ct);
            notices.Add(MemberNotices.Everyone, "proposal_superseded", $"proposal:{proposal.Id}",
                $"Proposition n° {proposal.Id} non appliquée : la version {current.Version} est entrée en vigueur entre-temps ; elle doit être proposée à nouveau.",
                $"Proposal #{proposal.Id} not applied: version {current.Version} came into force meanwhile; it must be proposed again.");
            await notices.SaveAsync(ct);
            return false;
        }
        var result = await store.ApplyAsync(proposal.Yaml, $"proposal #{proposal.Id}", $"governance (proposal #{proposal.Id})", ct);
        if (!result.Succeeded)
        {
            proposal.State = ProposalStates.Superseded;
            proposal.Outcome += " | Not applied: " + string.Join("; ", result.Errors);
            await db.SaveChangesAsync(ct);
            return false;
        }
        proposal.State = ProposalStates.Applied;
        proposal.AppliedAt = now;
        await db.SaveChangesAsync(ct);
        notices.Add(MemberNotices.Everyone, "contract_applied", $"proposal:{proposal.Id}",
            $"La version {proposal.Version} du contrat (proposition n° {proposal.Id}) est en vigueur depuis le {now:u}.",
            $"Contract version {proposal.Version} (proposal #{proposal.Id}) is in force since {now:u}.");
        await notices.SaveAsync(ct);
        return true;
    }

    public Task<List<VoteRecord>> VotesAsync(long proposalId, CancellationToken ct) =>
        db.Set<VoteRecord>().AsNoTracking().Where(v => v.ProposalId == proposalId).OrderBy(v => v.MemberId).ToListAsync(ct);

    public async Task<ProposalRecord> FindAsync(long id, CancellationToken ct) =>
        await db.Set<ProposalRecord>().FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new GovernanceRefusedException(404, "No such proposal", $"There is no proposal #{id}.");

    public static IReadOnlySet<ChangeKind> Kinds(ProposalRecord proposal) =>
        Split(proposal.ChangeKinds).Select(k => Enum.GetValues<ChangeKind>().First(c => VoteTally.Word(c) == k)).ToHashSet();

    public static IReadOnlySet<string> Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static VoteChoice? ParseChoice(string? text) => text switch
    {
        "for" or "pour" => VoteChoice.For,
        "against" or "contre" => VoteChoice.Against,
        "abstain" or "abstention" => VoteChoice.Abstain,
        _ => null,
    };

    public static string Word(VoteChoice choice) => choice switch
    {
        VoteChoice.For => "for",
        VoteChoice.Against => "against",
        _ => "abstain",
    };
}

/// <summary>One line of a proposal's diff as stored and served.</summary>
public sealed record DiffLineDto(string Kind, string Fr, string En);
