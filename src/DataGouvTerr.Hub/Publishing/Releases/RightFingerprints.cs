using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Publishing.Flows;
using NetTopologySuite.IO;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>A right as a release was (or would now be) built under: its fingerprint and the same in words.</summary>
public sealed record RightPrint(string Fingerprint, string Description, PrivacyTerms Terms);

/// <summary>
/// Fingerprints of rights: SHA-256 of everything that shapes a release — member, product, scope and the exact
/// area it resolves to (so shrinking a perimeter changes it), resolution and that zoning's definition, bin, minimum
/// count, delay, operator visibility, (ε, δ, τ) and the fixed levels published beside the right. The contract
/// version is left out on purpose: an amendment that leaves a right as it was must not spend budget to rebuild it.
/// Cached per contract version, member and product (a read asks on every call).
/// </summary>
public sealed class RightFingerprints(IReleasePrivacyTerms privacy)
{
    private readonly ConcurrentDictionary<(string Version, string Member, string Product), RightPrint?> _cache = new();

    /// <summary>The print of the member's current right to the product, or null when it has none (or only the administrator's implicit one).</summary>
    public RightPrint? Of(MobilityContract contract, string memberId, string product, DateTimeOffset now)
    {
        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }
        return _cache.GetOrAdd((contract.Version, memberId, product), _ =>
        {
            var decision = AccessPolicy.Decide(contract, MemberStanding.Good, new AccessRequest(memberId, product), now);
            return decision.Allowed && IsReleased(contract, decision.Right!) ? Compute(contract, decision) : null;
        });
    }

    /// <summary>
    /// Only rights written in the contract are released. The administrator's implicit read-everything right is
    /// not: it would spend the commons' budget on the one party that already holds the raw data.
    /// </summary>
    public static bool IsReleased(MobilityContract contract, Right right) => contract.Rights.Contains(right);

    private RightPrint Compute(MobilityContract contract, AccessDecision decision)
    {
        var right = decision.Right!;
        var terms = privacy.For(contract, decision);
        var levels = right.Product == Products.Availability
            ? string.Join(';', MemberProductBuilder.AvailabilityLevels(contract, right).Select(l => $"{l.Resolution}@{(int)l.TimeBin.TotalMinutes}"))
            : $"{right.Resolution}@{(int)right.TimeBin.TotalMinutes}";
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{right.MemberId} {right.Product}: scope {FlowAggregationJob.ScopeText(right.Scope)}, {right.Resolution}, bins {FlowProductMetadata.Duration(right.TimeBin)}, " +
            $"min_count {decision.MinCount}, delay {FlowProductMetadata.Duration(right.Delay)}, operator names {(right.OperatorNamesVisible ? "visible" : "hidden")}, " +
            $"ε {terms.Epsilon}, δ {terms.Delta}, τ {terms.Threshold}, levels {levels}");
        var text = new StringBuilder(description).Append('\n')
            .Append("area:").Append(HashOf(new WKBWriter().Write(decision.EffectiveArea!.Normalized()))).Append('\n')
            .Append("zoning:").Append(ZoningText(contract, right.Resolution)).Append('\n');
        return new RightPrint(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))), description, terms);
    }

    /// <summary>What the resolution's units are: a grid's cell size, or each zone's code and outline.</summary>
    private static string ZoningText(MobilityContract contract, string resolution)
    {
        if (contract.Zoning.Grids.FirstOrDefault(g => g.Id == resolution) is { } grid)
        {
            return string.Create(CultureInfo.InvariantCulture, $"grid {grid.CellSizeMeters}");
        }
        if (contract.Zoning.ZoneSets.FirstOrDefault(z => z.Id == resolution) is { } set)
        {
            var writer = new WKBWriter();
            return "zones " + HashOf(Encoding.UTF8.GetBytes(string.Join('|', set.Zones.OrderBy(z => z.Code, StringComparer.Ordinal)
                .Select(z => z.Code + ":" + HashOf(writer.Write(z.Area.Normalized()))))));
        }
        return resolution;
    }

    private static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
