namespace DataGouvTerr.Hub.Governance;

/// <summary>The life of a proposal: open for votes, then adopted (and applied at its effective date), rejected or expired.</summary>
public static class ProposalStates
{
    public const string Open = "open";
    /// <summary>Adopted by the votes; waiting for its effective date.</summary>
    public const string Adopted = "adopted";
    /// <summary>Adopted and now the contract in force.</summary>
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    /// <summary>Closed without the quorum of some rule.</summary>
    public const string Expired = "expired";
    /// <summary>Adopted, but another version came into force first: it no longer applies to the contract it was voted on.</summary>
    public const string Superseded = "superseded";
}

/// <summary>The life of a dispute: open before the mediator, then upheld, lifted or amended.</summary>
public static class DisputeStates
{
    public const string Open = "open";
    public const string Upheld = "upheld";
    public const string Lifted = "lifted";
    public const string Amended = "amended";
}

/// <summary>Emergency suspensions are sanctions of no obligation; their obligation id carries this prefix.</summary>
public static class EmergencySuspensions
{
    public const string ObligationPrefix = "emergency:";
}

/// <summary>A refusal of a governance request: the HTTP status and the reason, said to the member.</summary>
public sealed class GovernanceRefusedException(int status, string title, string detail, IReadOnlyList<object>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyList<object>? Errors { get; } = errors;

    public IResult ToResult() => Results.Problem(statusCode: Status, title: Title, detail: Message,
        extensions: Errors is null ? null : new Dictionary<string, object?> { ["errors"] = Errors });
}
