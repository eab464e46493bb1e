using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Domain.Governance;

/// <summary>A member's choice on a proposal.</summary>
public enum VoteChoice
{
    For,
    Against,
    Abstain,
}

/// <summary>How one voting rule of a proposal stands: who may vote, what they chose, and whether it passes.</summary>
public sealed record RuleTally(
    ChangeKind Change,
    VoterGroup Voters,
    Majority Majority,
    IReadOnlyList<string> Eligible,
    int For,
    int Against,
    int Abstain,
    bool QuorumReached,
    bool Passes,
    string Fr,
    string En);

/// <summary>The whole proposal: every rule of every kind of change it contains must pass.</summary>
public sealed record ProposalTally(IReadOnlyList<RuleTally> Rules)
{
    public bool Adopted => Rules.All(r => r.Passes);

    /// <summary>No rule failed for lack of votes: the proposal was decided (adopted or rejected), not left to expire.</summary>
    public bool QuorumReached => Rules.All(r => r.QuorumReached);

    /// <summary>Everyone eligible under some rule (who may vote on the proposal).</summary>
    public IReadOnlySet<string> Voters => Rules.SelectMany(r => r.Eligible).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Counts the votes on a proposal under the governance rules of the contract IN FORCE (a proposal cannot lower the
/// bar it is judged by). Pure: no I/O.
/// </summary>
public static class VoteTally
{
    public static ProposalTally Count(MobilityContract inForce, IReadOnlySet<ChangeKind> kinds, IReadOnlySet<string> affectedMembers,
        IReadOnlySet<string> affectedProviders, IReadOnlyDictionary<string, VoteChoice> votes)
    {
        var governance = inForce.Governance;
        // A proposal that changes nothing the model sees is still voted, as "other".
        var effective = kinds.Count == 0 ? new HashSet<ChangeKind> { ChangeKind.Other } : kinds;
        var tallies = new List<RuleTally>();
        foreach (var kind in effective.Order())
        {
            var rule = governance.RuleFor(kind);
            var eligible = Eligible(inForce, rule.Voters, affectedMembers, affectedProviders);
            var cast = eligible.Where(votes.ContainsKey).Select(m => votes[m]).ToList();
            var (yes, no, abstain) = (cast.Count(c => c == VoteChoice.For), cast.Count(c => c == VoteChoice.Against), cast.Count(c => c == VoteChoice.Abstain));
            // An empty group (a wider use of nobody else's data) has nobody to ask: the rule is met.
            var quorum = eligible.Count == 0 || cast.Count * 100 >= governance.QuorumPercent * eligible.Count;
            var passes = eligible.Count == 0 || rule.Majority switch
            {
                Majority.Simple => quorum && yes > no,
                Majority.TwoThirds => quorum && yes * 3 >= eligible.Count * 2,
                _ => yes == eligible.Count,
            };
            var need = rule.Majority switch
            {
                Majority.Simple => ("majorité simple des votes exprimés", "simple majority of votes cast"),
                Majority.TwoThirds => ("deux tiers de tous les votants", "two thirds of all voters"),
                _ => ("accord de chacun (veto)", "consent of each (veto)"),
            };
            tallies.Add(new RuleTally(kind, rule.Voters, rule.Majority, eligible, yes, no, abstain, quorum, passes,
                $"{Word(kind)} : {need.Item1} de {eligible.Count} votant(s) ({string.Join(", ", eligible)}) ; pour {yes}, contre {no}, abstention {abstain}"
                + $"{(quorum ? "" : $", quorum de {governance.QuorumPercent} % non atteint")} : {(passes ? "règle satisfaite" : "règle non satisfaite")}.",
                $"{Word(kind)}: {need.Item2} of {eligible.Count} voter(s) ({string.Join(", ", eligible)}); for {yes}, against {no}, abstain {abstain}"
                + $"{(quorum ? "" : $", quorum of {governance.QuorumPercent} % not reached")}: {(passes ? "rule met" : "rule not met")}."));
        }
        return new ProposalTally(tallies);
    }

    private static List<string> Eligible(MobilityContract contract, VoterGroup group, IReadOnlySet<string> affectedMembers, IReadOnlySet<string> affectedProviders)
    {
        var parties = contract.Members.Where(m => m.Kind != MemberKind.Admin);
        return group switch
        {
            VoterGroup.Aom => parties.Where(m => m.Kind == MemberKind.Aom).Select(m => m.Id).ToList(),
            VoterGroup.Operator => parties.Where(m => m.Kind == MemberKind.Operator).Select(m => m.Id).ToList(),
            VoterGroup.AffectedProviders => parties.Where(m => affectedProviders.Contains(m.Id)).Select(m => m.Id).ToList(),
            VoterGroup.AffectedMembers => parties.Where(m => affectedMembers.Contains(m.Id)).Select(m => m.Id).ToList(),
            _ => parties.Select(m => m.Id).ToList(),
        };
    }

    public static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.DataUse => "data_use",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
