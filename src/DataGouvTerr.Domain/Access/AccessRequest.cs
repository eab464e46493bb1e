using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Access;

/// <summary>
/// One member asking for one product: where (WGS84 area, null for its whole scope), how fine (a resolution id
/// of the contract's zoning, null for the right's own), which time bin, and which time window.
/// </summary>
public sealed record AccessRequest(
    string MemberId,
    string Product,
    Geometry? Area = null,
    string? Resolution = null,
    TimeSpan? TimeBin = null,
    DateTimeOffset? WindowStart = null,
    DateTimeOffset? WindowEnd = null);

/// <summary>Products a member may not read at the moment, because a sanction of the contract suspends them.</summary>
public sealed record MemberStanding(IReadOnlyDictionary<string, string> SuspendedProducts)
{
    public static readonly MemberStanding Good = new(new Dictionary<string, string>());
}
