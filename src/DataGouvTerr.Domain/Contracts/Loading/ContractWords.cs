namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>The snake_case words a contract uses for the model's enumerations, in one place.</summary>
internal static class ContractWords
{
    public static readonly IReadOnlyDictionary<string, MemberKind> MemberKinds = new Dictionary<string, MemberKind>
    {
        ["aom"] = MemberKind.Aom,
        ["operator"] = MemberKind.Operator,
        ["planner"] = MemberKind.Planner,
        ["association"] = MemberKind.Association,
        ["admin"] = MemberKind.Admin,
    };

    public static readonly IReadOnlyDictionary<string, FeedKind> FeedKinds = new Dictionary<string, FeedKind>
    {
        ["gtfs"] = FeedKind.Gtfs,
        ["mds"] = FeedKind.Mds,
        ["gbfs"] = FeedKind.Gbfs,
    };

    public static readonly IReadOnlyDictionary<string, RightScope> Scopes = new Dictionary<string, RightScope>
    {
        ["own_perimeter"] = RightScope.OwnPerimeter,
        ["territory"] = RightScope.Territory,
    };

    public static readonly IReadOnlyDictionary<string, ObligationKind> ObligationKinds = new Dictionary<string, ObligationKind>
    {
        ["data_freshness"] = ObligationKind.DataFreshness,
        ["coverage"] = ObligationKind.Coverage,
        ["gtfs_valid"] = ObligationKind.GtfsValid,
        ["gtfs_not_expired"] = ObligationKind.GtfsNotExpired,
        ["feed_available"] = ObligationKind.FeedAvailable,
    };

    public static readonly IReadOnlyDictionary<string, SanctionAction> SanctionActions = new Dictionary<string, SanctionAction>
    {
        ["warning"] = SanctionAction.Warning,
        ["suspend_rights"] = SanctionAction.SuspendRights,
    };

    /// <summary>MDS 2.0 modes; each selects the schema branch a feed's items are validated against.</summary>
    public static readonly IReadOnlySet<string> MdsModes = new HashSet<string>(StringComparer.Ordinal)
    {
        "micromobility", "passenger-services", "car-share", "delivery-robots",
    };

    public static string Word<T>(IReadOnlyDictionary<string, T> words, T value) =>
        words.First(w => EqualityComparer<T>.Default.Equals(w.Value, value)).Key;
}
