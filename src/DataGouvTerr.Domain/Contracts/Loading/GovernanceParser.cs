using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// Reads the contract's <c>governance</c> section (kept apart from <see cref="ContractParser"/> so that the sections
/// evolve independently). Members it names (mediator) are checked against the member list by
/// <see cref="GovernanceConsistencyRules"/>.
/// </summary>
internal sealed class GovernanceParser(ContractReadContext context)
{
    public static readonly IReadOnlyDictionary<string, ChangeKind> ChangeKinds = new Dictionary<string, ChangeKind>
    {
        ["zoning"] = ChangeKind.Zoning,
        ["data_use"] = ChangeKind.DataUse,
        ["rights"] = ChangeKind.Rights,
        ["sanctions"] = ChangeKind.Sanctions,
        ["privacy"] = ChangeKind.Privacy,
        ["members"] = ChangeKind.Members,
        ["feeds"] = ChangeKind.Feeds,
        ["governance"] = ChangeKind.Governance,
        ["other"] = ChangeKind.Other,
    };

    public static readonly IReadOnlyDictionary<string, VoterGroup> VoterGroups = new Dictionary<string, VoterGroup>
    {
        ["all"] = VoterGroup.All,
        ["aom"] = VoterGroup.Aom,
        ["operator"] = VoterGroup.Operator,
        ["affected_providers"] = VoterGroup.AffectedProviders,
        ["affected_members"] = VoterGroup.AffectedMembers,
    };

    public static readonly IReadOnlyDictionary<string, Majority> Majorities = new Dictionary<string, Majority>
    {
        ["simple"] = Majority.Simple,
        ["two_thirds"] = Majority.TwoThirds,
        ["unanimous"] = Majority.Unanimous,
    };

    /// <summary>The section's value, or null when it is absent (the loader then uses <see cref="GovernanceRules.Default"/>).</summary>
    public (GovernanceRules Rules, YamlMap Map)? Read(YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var map = YamlMap.Read(context, node, "governance",
            "mediator", "quorum_percent", "voting_period", "rules", "emergency_suspension", "disputes");
        if (map is null)
        {
            return null;
        }
        var rules = GovernanceRules.Default;
        var quorum = map.Int("quorum_percent", required: false);
        if (quorum is < 0 or > 100)
        {
            context.Error(map.Child("quorum_percent"), map.Get("quorum_percent"), $"quorum_percent must be between 0 and 100, found {quorum}");
        }
        var votingPeriod = PositiveDuration(map, "voting_period");
        var votingRules = new List<VotingRule>();
        foreach (var (ruleNode, path) in map.Sequence("rules", required: false))
        {
            var rule = YamlMap.Read(context, ruleNode, path, "change", "voters", "majority");
            if (rule is null)
            {
                continue;
            }
            var change = rule.Word("change", required: true, ChangeKinds);
            var voters = rule.Word("voters", required: true, VoterGroups);
            var majority = rule.Word("majority", required: true, Majorities);
            if (change is { } c && votingRules.Any(r => r.Change == c))
            {
                context.Error(rule.Child("change"), rule.Get("change"), $"a second rule for change '{ContractWords.Word(ChangeKinds, c)}': give one rule per kind of change");
            }
            if (change is ChangeKind.DataUse && voters is not null and not VoterGroup.AffectedProviders && majority is not null)
            {
                // Ostrom's collective choice stops where a provider's own data is concerned: the wider use needs its consent.
                context.Error(rule.Child("voters"), rule.Get("voters"), "a wider use of a provider's data needs that provider's consent: data_use is voted by affected_providers");
            }
            if (change is ChangeKind.DataUse && majority is not null and not Majority.Unanimous)
            {
                context.Error(rule.Child("majority"), rule.Get("majority"), "data_use needs the consent of every affected provider: majority unanimous");
            }
            votingRules.Add(new VotingRule(change ?? ChangeKind.Other, voters ?? VoterGroup.All, majority ?? Majority.Simple));
        }
        if (!map.Has("rules") || votingRules.All(r => r.Change != ChangeKind.DataUse))
        {
            // A contract cannot opt out of the providers' veto by leaving the rule out.
            votingRules.Insert(0, new VotingRule(ChangeKind.DataUse, VoterGroup.AffectedProviders, Majority.Unanimous));
        }

        var emergencyAllowed = false;
        var emergencyMax = rules.EmergencySuspensionMaxDuration;
        if (map.Get("emergency_suspension") is { } emergencyNode
            && YamlMap.Read(context, emergencyNode, map.Child("emergency_suspension"), "allowed", "max_duration") is { } emergency)
        {
            emergencyAllowed = emergency.Bool("allowed", required: true) ?? false;
            emergencyMax = PositiveDuration(emergency, "max_duration") ?? emergencyMax;
            if (emergencyAllowed && !emergency.Has("max_duration"))
            {
                emergency.Missing("max_duration");
            }
        }
        var contestWithin = rules.ContestWithin;
        var decideWithin = rules.DecideWithin;
        if (map.Get("disputes") is { } disputesNode
            && YamlMap.Read(context, disputesNode, map.Child("disputes"), "contest_within", "decide_within") is { } disputes)
        {
            contestWithin = PositiveDuration(disputes, "contest_within") ?? contestWithin;
            decideWithin = PositiveDuration(disputes, "decide_within") ?? decideWithin;
        }
        return (rules with
        {
            Mediator = map.String("mediator", required: false),
            QuorumPercent = quorum ?? rules.QuorumPercent,
            VotingPeriod = votingPeriod ?? rules.VotingPeriod,
            Rules = votingRules,
            EmergencySuspensionAllowed = emergencyAllowed,
            EmergencySuspensionMaxDuration = emergencyMax,
            ContestWithin = contestWithin,
            DecideWithin = decideWithin,
        }, map);
    }

    private TimeSpan? PositiveDuration(YamlMap map, string key)
    {
        var text = map.String(key, required: false);
        if (text is null)
        {
            return null;
        }
        if (!ContractDuration.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
        {
            context.Error(map.Child(key), map.Get(key), $"'{text}' is not a positive duration: {ContractDuration.Expected}");
            return null;
        }
        return duration;
    }
}

/// <summary>The governance rules that refer to other sections: the mediator is a member of the contract.</summary>
internal sealed class GovernanceConsistencyRules(ContractReadContext context, ContractDraft draft)
{
    public void Check()
    {
        if (draft.Governance is not { } governance)
        {
            return;
        }
        var mediator = governance.Rules.Mediator;
        if (mediator is not null && draft.Members.All(m => m.Value.Id != mediator))
        {
            context.Error(governance.Map.Child("mediator"), governance.Map.Get("mediator"), $"mediator '{mediator}' is not a member of the contract");
        }
        if (mediator is null && draft.Members.All(m => m.Value.Kind != MemberKind.Admin) && !context.HasErrorAt("members"))
        {
            context.Error("governance.mediator", governance.Map.Node, "the contract has no administrator to mediate disputes: name a mediator");
        }
    }
}
