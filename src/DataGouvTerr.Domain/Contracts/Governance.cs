namespace DataGouvTerr.Domain.Contracts;

/// <summary>
/// The contract's <c>governance</c> section: how the members change their own rules (voting rule per kind of change,
/// quorum, voting period), who mediates disputes and within which deadlines, and whether the administrator may
/// suspend rights in an emergency. A contract without the section gets <see cref="Default"/>.
/// </summary>
public sealed record GovernanceRules
{
    /// <summary>Member id of the mediator of disputes; null means the contract's administrator (first member of kind admin).</summary>
    public string? Mediator { get; init; }
    /// <summary>Share of the eligible voters who must vote (for, against or abstain) for a proposal to be decided.</summary>
    public int QuorumPercent { get; init; } = 50;
    /// <summary>How long a proposal stays open for votes.</summary>
    public TimeSpan VotingPeriod { get; init; } = TimeSpan.FromDays(14);
    /// <summary>One rule per kind of change; a proposal must satisfy the rule of every kind it contains.</summary>
    public IReadOnlyList<VotingRule> Rules { get; init; } = DefaultRules;
    public bool EmergencySuspensionAllowed { get; init; }
    public TimeSpan EmergencySuspensionMaxDuration { get; init; } = TimeSpan.FromDays(7);
    /// <summary>How long after a sanction or finding a member may contest it.</summary>
    public TimeSpan ContestWithin { get; init; } = TimeSpan.FromDays(30);
    /// <summary>How long the mediator has to decide a dispute.</summary>
    public TimeSpan DecideWithin { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The rules of a contract that has no governance section: a simple majority of all members for anything,
    /// and no wider use of a provider's data without that provider's consent.</summary>
    public static readonly IReadOnlyList<VotingRule> DefaultRules =
    [
        new(ChangeKind.DataUse, VoterGroup.AffectedProviders, Majority.Unanimous),
        new(ChangeKind.Other, VoterGroup.All, Majority.Simple),
    ];

    public static readonly GovernanceRules Default = new();

    /// <summary>The rule for a kind of change: its own, or the rule for <see cref="ChangeKind.Other"/>, or a simple majority of all.</summary>
    public VotingRule RuleFor(ChangeKind kind) =>
        Rules.FirstOrDefault(r => r.Change == kind)
        ?? (Rules.FirstOrDefault(r => r.Change == ChangeKind.Other) is { } other ? other with { Change = kind } : null)
        ?? new VotingRule(kind, VoterGroup.All, Majority.Simple);
}

/// <summary>What a proposed contract version changes, as the voting rules name it.</summary>
public enum ChangeKind
{
    /// <summary>Grids or zone sets.</summary>
    Zoning,
    /// <summary>A right that reads a provider's data more widely (new right, wider scope, finer resolution or bin, lower k, shorter delay, names shown).</summary>
    DataUse,
    /// <summary>Rights narrowed or removed.</summary>
    Rights,
    /// <summary>Obligations, their thresholds and sanction ladders.</summary>
    Sanctions,
    /// <summary>The privacy budget and per-right privacy parameters.</summary>
    Privacy,
    /// <summary>Members joining, leaving or changing.</summary>
    Members,
    /// <summary>Feeds added, removed or changed.</summary>
    Feeds,
    /// <summary>The governance section itself.</summary>
    Governance,
    /// <summary>Anything else (territory, version text…).</summary>
    Other,
}

/// <summary>Who votes on a kind of change.</summary>
public enum VoterGroup
{
    /// <summary>Every member except the administrator (the trusted third party runs the hub, it is not a party).</summary>
    All,
    Aom,
    Operator,
    /// <summary>Providers whose data a proposal would use more widely (their consent is required: a veto).</summary>
    AffectedProviders,
    /// <summary>Members whose rights, obligations or data use the proposal changes.</summary>
    AffectedMembers,
}

/// <summary>How many of the voters must agree.</summary>
public enum Majority
{
    /// <summary>More votes for than against among those cast (abstentions count for the quorum only).</summary>
    Simple,
    /// <summary>At least two thirds of all eligible voters vote for.</summary>
    TwoThirds,
    /// <summary>Every eligible voter votes for: one against, or one silence, blocks (veto).</summary>
    Unanimous,
}

/// <summary>The voting rule for one kind of change.</summary>
public sealed record VotingRule(ChangeKind Change, VoterGroup Voters, Majority Majority);
