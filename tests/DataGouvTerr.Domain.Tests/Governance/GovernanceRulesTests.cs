using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Governance;
using DataGouvTerr.Domain.Tests.Contracts;

namespace DataGouvTerr.Domain.Tests.Governance;

/// <summary>
/// The governance section as read from the sample contract, the diff of a proposed version against it (kinds of change,
/// affected members and providers) and the vote count under each majority. Pure: no store.
/// </summary>
public sealed class GovernanceRulesTests
{
    private static readonly string Yaml = File.ReadAllText(SampleContract.Path);
    private static readonly MobilityContract Sample = Load(Yaml);

    [Fact]
    public void The_sample_contract_reads_its_governance_grace_recovery_and_reciprocity()
    {
        var governance = Sample.Governance;

        Assert.Equal(("tiers-de-confiance", 50, TimeSpan.FromDays(14)), (Sample.MediatorId, governance.QuorumPercent, governance.VotingPeriod));
        Assert.Equal(new VotingRule(ChangeKind.Zoning, VoterGroup.Aom, Majority.Simple), governance.RuleFor(ChangeKind.Zoning));
        Assert.Equal(new VotingRule(ChangeKind.DataUse, VoterGroup.AffectedProviders, Majority.Unanimous), governance.RuleFor(ChangeKind.DataUse));
        Assert.Equal(new VotingRule(ChangeKind.Members, VoterGroup.All, Majority.Simple), governance.RuleFor(ChangeKind.Members)); // falls back on "other"
        Assert.Equal((true, TimeSpan.FromDays(7)), (governance.EmergencySuspensionAllowed, governance.EmergencySuspensionMaxDuration));
        var freshness = Sample.Obligations.Single(o => o.Id == "scoot-freshness");
        Assert.Equal((TimeSpan.FromDays(2), TimeSpan.FromDays(1)), (freshness.GracePeriod, freshness.RecoveryPeriod));
        Assert.True(Sample.Rights.Single(r => r.MemberId == "scoot-normandie" && r.Product == Products.Availability).ConditionalOnObligations);
    }

    [Fact]
    public void A_contract_without_governance_still_gives_each_provider_a_veto_on_wider_use_of_its_data()
    {
        var start = Yaml.IndexOf("\ngovernance:", StringComparison.Ordinal);
        var contract = Load(Yaml[..start]);

        Assert.Equal(Majority.Unanimous, contract.Governance.RuleFor(ChangeKind.DataUse).Majority);
        Assert.Equal("tiers-de-confiance", contract.MediatorId); // the administrator by default
    }

    [Fact]
    public void Same_contract_is_no_change()
    {
        var analysis = ContractDiff.Compare(Sample, Yaml, Sample, Yaml);

        Assert.Empty(analysis.Lines);
        Assert.Empty(analysis.Kinds);
    }

    [Fact]
    public void A_lower_k_and_shorter_delay_is_a_wider_use_of_the_providers_data_but_a_higher_k_is_not()
    {
        var widerYaml = Yaml.Replace("time_bin: 1d, min_count: 20, delay: 7d", "time_bin: 1d, min_count: 10, delay: 24h");
        var narrowerYaml = Yaml.Replace("time_bin: 1d, min_count: 20, delay: 7d", "time_bin: 1d, min_count: 30, delay: 7d");

        var wider = ContractDiff.Compare(Sample, Yaml, Load(widerYaml), widerYaml);
        var narrower = ContractDiff.Compare(Sample, Yaml, Load(narrowerYaml), narrowerYaml);

        Assert.Equal([ChangeKind.DataUse, ChangeKind.Rights], wider.Kinds.Order());
        Assert.Equal(["cyclo-seine", "reseau-astuce-exemple", "scoot-normandie"], wider.AffectedProviders.Order(StringComparer.Ordinal));
        Assert.Contains("asso-velo", wider.AffectedMembers);
        Assert.Equal([ChangeKind.Rights], narrower.Kinds);
        Assert.Empty(narrower.AffectedProviders);
        Assert.Equal("Droit asso-velo / indicators modifié : seuil k 20 → 30.", Assert.Single(narrower.Lines).Fr);
    }

    [Fact]
    public void A_change_of_the_privacy_budget_is_a_privacy_change_that_concerns_every_member()
    {
        var changed = Yaml.Replace("cap_per_window: { epsilon: 6.5,", "cap_per_window: { epsilon: 8.0,", StringComparison.Ordinal);
        Assert.NotEqual(Yaml, changed);

        var analysis = ContractDiff.Compare(Sample, Yaml, Sample, changed);

        Assert.Equal([ChangeKind.Privacy], analysis.Kinds);
        Assert.Equal(8, analysis.AffectedMembers.Count); // every member but the administrator
    }

    [Theory]
    [InlineData("for,for", true)]
    [InlineData("for,against", false)] // one provider's against is a veto
    [InlineData("for,", false)] // so is its silence: consent is given, not presumed
    [InlineData("for,abstain", false)]
    public void Unanimous_consent_of_the_affected_providers(string votes, bool adopted)
    {
        var tally = Count([ChangeKind.DataUse], providers: ["scoot-normandie", "reseau-astuce-exemple"], votes: Votes(["scoot-normandie", "reseau-astuce-exemple"], votes));

        Assert.Equal(adopted, tally.Adopted);
    }

    [Theory]
    [InlineData("for,for,for,for,for,for,against,against", true)] // 6 of 8 ≥ two thirds
    [InlineData("for,for,for,for,for,against,against,against", false)] // 5 of 8 < two thirds
    [InlineData("for,for,for,for,for,,,", false)] // silence counts against a two-thirds-of-all rule
    public void Two_thirds_of_all_members_for_sanctions(string votes, bool adopted)
    {
        var members = Sample.Members.Where(m => m.Kind != MemberKind.Admin).Select(m => m.Id).ToArray();

        var tally = Count([ChangeKind.Sanctions], votes: Votes(members, votes));

        Assert.Equal(adopted, tally.Adopted);
    }

    [Theory]
    [InlineData("for,", true, true)] // 1 of 2 AOMs voted: 50 % quorum reached, 1 for 0 against
    [InlineData(",", false, false)]
    [InlineData("for,against", false, true)] // a tie is not a majority
    [InlineData("abstain,for", true, true)]
    public void Simple_majority_of_AOMs_for_zoning_with_quorum(string votes, bool adopted, bool quorum)
    {
        var tally = Count([ChangeKind.Zoning], votes: Votes(["metropole-rouen", "region-normandie"], votes));

        Assert.Equal((adopted, quorum), (tally.Adopted, tally.QuorumReached));
        Assert.Equal(["metropole-rouen", "region-normandie"], tally.Voters.Order(StringComparer.Ordinal));
    }

    private static ProposalTally Count(ChangeKind[] kinds, string[]? providers = null, Dictionary<string, VoteChoice>? votes = null) =>
        VoteTally.Count(Sample, kinds.ToHashSet(), new HashSet<string>(), (providers ?? []).ToHashSet(), votes ?? []);

    private static Dictionary<string, VoteChoice> Votes(string[] members, string choices)
    {
        var votes = new Dictionary<string, VoteChoice>();
        foreach (var (member, choice) in members.Zip(choices.Split(',')))
        {
            if (choice.Length > 0)
            {
                votes[member] = choice switch { "for" => VoteChoice.For, "against" => VoteChoice.Against, _ => VoteChoice.Abstain };
            }
        }
        return votes;
    }

    private static MobilityContract Load(string yaml)
    {
        var result = ContractLoader.Load(yaml, "test");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Contract!;
    }
}
