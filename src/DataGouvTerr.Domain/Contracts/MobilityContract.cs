using DataGouvTerr.Domain.Privacy;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Contracts;

/// <summary>
/// The mobility contract (contrat opérationnel de mobilité) as the hub enforces it: who provides which feed,
/// who may read which product at which resolution, and what each member owes. Loaded from versioned YAML by
/// the contract loader; immutable once loaded, so one instance can be shared by every request.
/// </summary>
public sealed record MobilityContract
{
    public required string Version { get; init; }
    public required DateOnly EffectiveDate { get; init; }
    /// <summary>Member ids allowed to amend the contract (apply a new version).</summary>
    public required IReadOnlyList<string> AmendableBy { get; init; }
    public required Territory Territory { get; init; }
    public required Zoning Zoning { get; init; }
    public required IReadOnlyList<Member> Members { get; init; }
    public required IReadOnlyList<FeedDeclaration> Feeds { get; init; }
    public required IReadOnlyList<Right> Rights { get; init; }
    public required IReadOnlyList<Obligation> Obligations { get; init; }
    /// <summary>The privacy budget the contract shares out: δ per release, the cap per window over all rights.</summary>
    public PrivacySettings Privacy { get; init; } = PrivacySettings.Defaults;

    public Member? FindMember(string memberId) => Members.FirstOrDefault(m => m.Id == memberId);
    public FeedDeclaration? FindFeed(string feedId) => Feeds.FirstOrDefault(f => f.Id == feedId);
    public IEnumerable<Right> RightsOf(string memberId) => Rights.Where(r => r.MemberId == memberId);
    public IEnumerable<FeedDeclaration> FeedsOfKind(FeedKind kind) => Feeds.Where(f => f.Kind == kind);
}

/// <summary>The bassin de mobilité the contract covers, in WGS84.</summary>
public sealed record Territory(string Name, Geometry Area);

/// <summary>
/// The only spatial units products may be published on. Fixed in the contract so that two overlapping
/// requests can never be differenced into a smaller area than the contract allows.
/// </summary>
public sealed record Zoning(IReadOnlyList<GridZoning> Grids, IReadOnlyList<ZoneSet> ZoneSets)
{
    public bool Has(string resolutionId) =>
        Grids.Any(g => g.Id == resolutionId) || ZoneSets.Any(z => z.Id == resolutionId);
}

/// <summary>A Lambert-93 (EPSG:2154) square grid; cells are addressed by their lower-left corner in metres.</summary>
public sealed record GridZoning(string Id, int CellSizeMeters);

/// <summary>A set of polygons (e.g. communes by INSEE code) usable as a resolution.</summary>
public sealed record ZoneSet(string Id, string Name, IReadOnlyList<Zone> Zones);

/// <summary>One zone of a <see cref="ZoneSet"/>; <paramref name="Code"/> is the INSEE code for communes.</summary>
public sealed record Zone(string Code, string Name, Geometry Area);

public enum MemberKind
{
    Aom,
    Operator,
    Planner,
    Association,
    Admin,
}

/// <summary>A signatory of the contract. An AOM's perimeter is its ressort territorial.</summary>
public sealed record Member
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required MemberKind Kind { get; init; }
    public string? Siren { get; init; }
    /// <summary>The member's own perimeter in WGS84; null means the whole territory.</summary>
    public Geometry? Perimeter { get; init; }
}

public enum FeedKind
{
    Gtfs,
    Mds,
    Gbfs,
}

public enum FeedSourceKind
{
    Url,
    File,
    Push,
}

/// <summary>A feed a member provides to the commons, and how long its raw data may be kept (RGPD).</summary>
public sealed record FeedDeclaration
{
    public required string Id { get; init; }
    public required FeedKind Kind { get; init; }
    public required string ProvidedBy { get; init; }
    public required FeedSourceKind SourceKind { get; init; }
    /// <summary>URL or file path (relative to the contract file) for pulled feeds; null for push.</summary>
    public string? Source { get; init; }
    /// <summary>Cron expression of the polling schedule for pulled feeds.</summary>
    public string? Schedule { get; init; }
    public required int RetentionDays { get; init; }
    /// <summary>MDS only: the provider ids (UUIDs) the providing operator pushes or is pulled for.</summary>
    public IReadOnlyList<Guid> ProviderIds { get; init; } = [];
    /// <summary>MDS only: the mode whose schema branch validates items (micromobility by default).</summary>
    public string Mode { get; init; } = "micromobility";
    /// <summary>Name shown when the operator agrees to be named in products.</summary>
    public string? OperatorName { get; init; }
}

public enum RightScope
{
    /// <summary>Products clipped to the member's own perimeter.</summary>
    OwnPerimeter,
    /// <summary>Products over the whole territory.</summary>
    Territory,
}

/// <summary>
/// What one member may read of one product: where, how fine, how soon, and the minimum count under which
/// cells are suppressed (k-anonymity; never below 2).
/// </summary>
public sealed record Right
{
    public required string MemberId { get; init; }
    public required string Product { get; init; }
    public required RightScope Scope { get; init; }
    /// <summary>Id of a grid or zone set of the contract's <see cref="Zoning"/>, or <see cref="Products.StopResolution"/>.</summary>
    public required string Resolution { get; init; }
    public required TimeSpan TimeBin { get; init; }
    public required int MinCount { get; init; }
    /// <summary>Embargo: data younger than this is not delivered.</summary>
    public required TimeSpan Delay { get; init; }
    public required bool OperatorNamesVisible { get; init; }
    /// <summary>
    /// ε this right spends per window (a local day; a week for weekly bins) on a differentially private product;
    /// null for products that publish no count of trips (stop maps, feed reports). Set on every DP right of a loaded
    /// contract (from the contract, or the documented default when it has no <c>privacy</c> section).
    /// </summary>
    public decimal? Epsilon { get; init; }
    /// <summary>δ this right spends per window (the contract's <c>privacy.delta</c> unless the right gives its own); null when <see cref="Epsilon"/> is.</summary>
    public decimal? Delta { get; init; }

    /// <summary>(ε, δ) per window of a DP right; null for products that publish no trip counts.</summary>
    public PrivacyBudget? Budget => Epsilon is { } epsilon ? new PrivacyBudget(epsilon, Delta ?? 0m) : null;
}

/// <summary>
/// The contract's <c>privacy</c> section: the protected unit (a trip; for availability, a vehicle within a bin), the
/// δ each release spends by default, and the cap per window (one local day) over all rights of all members. Colluding
/// members' releases compose, so the cap bounds what any coalition learns about one day's trips. A contract without
/// the section gets <see cref="Defaults"/> (documented in feeds/README.md), and ε = <see cref="DefaultEpsilon"/> per
/// DP right.
/// </summary>
public sealed record PrivacySettings
{
    /// <summary>ε per DP right when the contract has no privacy section.</summary>
    public const decimal DefaultEpsilon = 1.0m;

    public static readonly PrivacySettings Defaults = new()
    {
        Declared = false,
        Unit = ProtectedUnitTrip,
        Delta = 0.000001m,
        CapPerWindow = new PrivacyBudget(6.0m, 0.00001m),
    };

    /// <summary>The only protected unit the hub implements: one trip (MDS carries no rider id).</summary>
    public const string ProtectedUnitTrip = "trip";

    /// <summary>False when the contract has no privacy section and these are the defaults.</summary>
    public required bool Declared { get; init; }
    public required string Unit { get; init; }
    /// <summary>δ per release of a right that does not give its own.</summary>
    public required decimal Delta { get; init; }
    /// <summary>Cap per window over all rights of all members (basic composition).</summary>
    public required PrivacyBudget CapPerWindow { get; init; }
}

/// <summary>Kinds of obligation the hub can judge from what it records.</summary>
public enum ObligationKind
{
    /// <summary>MDS: lag between event time and receipt stays under <see cref="Obligation.MaxLagMinutes"/>.</summary>
    DataFreshness,
    /// <summary>MDS/GBFS: share of hours with data over <see cref="Obligation.MinCoveragePercent"/>.</summary>
    Coverage,
    /// <summary>GTFS: the current version has no validation error.</summary>
    GtfsValid,
    /// <summary>GTFS: the current version is valid for at least <see cref="Obligation.MinValidDaysAhead"/> days.</summary>
    GtfsNotExpired,
    /// <summary>GBFS: the feed answers and is not stale.</summary>
    FeedAvailable,
}

public enum SanctionAction
{
    Warning,
    SuspendRights,
}

/// <summary>One step of the graduated sanctions: after a breach has lasted this long, do this.</summary>
public sealed record SanctionStep(TimeSpan After, SanctionAction Action, IReadOnlyList<string> SuspendedProducts);

/// <summary>What a member owes the commons in return, and what happens when it does not.</summary>
public sealed record Obligation
{
    public required string Id { get; init; }
    public required string MemberId { get; init; }
    public required ObligationKind Kind { get; init; }
    public string? FeedId { get; init; }
    public int? MaxLagMinutes { get; init; }
    public int? MinCoveragePercent { get; init; }
    public int? MinValidDaysAhead { get; init; }
    public required IReadOnlyList<SanctionStep> Sanctions { get; init; }
}
