using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Access;

/// <summary>
/// The one place where the contract's rights are turned into allow/deny. Pure: the same contract, standing,
/// request and instant always give the same decision, so every data endpoint can share it and tests can try
/// every way around it.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Floor of k-anonymity the hub applies whatever a contract says.</summary>
    public const int AbsoluteMinCount = 2;

    public static AccessDecision Decide(MobilityContract contract, MemberStanding standing, AccessRequest request, DateTimeOffset now)
    {
        var member = contract.FindMember(request.MemberId);
        if (member is null)
        {
            return AccessDecision.Deny("unknown-member", $"Member '{request.MemberId}' is not a party to contract {contract.Version}.");
        }
        if (!Products.All.Contains(request.Product))
        {
            return AccessDecision.Deny("unknown-product", $"There is no product '{request.Product}'.");
        }
        if (standing.SuspendedProducts.TryGetValue(request.Product, out var why))
        {
            return AccessDecision.Deny("suspended", $"Right to '{request.Product}' is suspended: {why}");
        }

        var right = contract.RightsOf(member.Id).FirstOrDefault(r => r.Product == request.Product)
            ?? (member.Kind == MemberKind.Admin ? AdminRight(contract, member, request.Product) : null);
        if (right is null)
        {
            return AccessDecision.Deny("no-right", $"Member '{member.Id}' has no right to product '{request.Product}' in contract {contract.Version}.");
        }

        var resolution = request.Resolution ?? right.Resolution;
        var resolutionCheck = CheckResolution(contract, right, resolution);
        if (resolutionCheck is not null)
        {
            return resolutionCheck;
        }

        var timeBin = request.TimeBin ?? right.TimeBin;
        if (timeBin < right.TimeBin || timeBin.Ticks % right.TimeBin.Ticks != 0)
        {
            return AccessDecision.Deny("finer-than-allowed",
                $"Time bin {timeBin} is not allowed: '{request.Product}' is published to '{member.Id}' in multiples of {right.TimeBin}.");
        }

        // A malformed window is the caller's mistake whatever the embargo, so it is named first.
        if (request.WindowStart is { } start && request.WindowEnd is { } stop && start >= stop)
        {
            return AccessDecision.Deny("bad-window", "The time window must start before it ends.");
        }
        var notAfter = now - right.Delay;
        if (request.WindowEnd is { } end && end > notAfter)
        {
            return AccessDecision.Deny("embargo",
                $"Data after {notAfter:O} is under embargo for '{member.Id}' (delay {right.Delay}); the window ends at {end:O}.");
        }

        var scopeArea = right.Scope == RightScope.OwnPerimeter && member.Perimeter is not null
            ? member.Perimeter
            : contract.Territory.Area;
        Geometry effective = scopeArea;
        if (request.Area is not null)
        {
            effective = request.Area.Intersects(scopeArea) ? request.Area.Intersection(scopeArea) : Polygon.Empty;
            // An area that only touches the scope's border intersects it in a line or a point: nothing to publish.
            if (effective.IsEmpty || effective.Dimension < request.Area.Dimension)
            {
                return AccessDecision.Deny("outside-scope",
                    $"The requested area lies outside what '{member.Id}' may read of '{request.Product}' ({right.Scope}).");
            }
        }

        return new AccessDecision
        {
            Allowed = true,
            Code = "allowed",
            Reason = $"Allowed by contract {contract.Version}: {right.Product} at {resolution}, bins of {timeBin}, k={Math.Max(right.MinCount, AbsoluteMinCount)}, scope {right.Scope}.",
            Right = right,
            EffectiveArea = effective,
            Resolution = resolution,
            TimeBin = timeBin,
            MinCount = Math.Max(right.MinCount, AbsoluteMinCount),
            NotAfter = notAfter,
            OperatorNamesVisible = right.OperatorNamesVisible,
        };
    }

    /// <summary>The trusted third party administers the commons: it reads every product territory-wide, at the finest zoning, with the floor k.</summary>
    private static Right AdminRight(MobilityContract contract, Member admin, string product) => new()
    {
        MemberId = admin.Id,
        Product = product,
        Scope = RightScope.Territory,
        Resolution = product == Products.StopMaps || product == Products.FeedReports
            ? Products.StopResolution
            : contract.Zoning.Grids.OrderBy(g => g.CellSizeMeters).Select(g => g.Id)
                .Concat(contract.Zoning.ZoneSets.Select(z => z.Id)).FirstOrDefault() ?? Products.StopResolution,
        TimeBin = TimeSpan.FromMinutes(15),
        MinCount = AbsoluteMinCount,
        Delay = TimeSpan.Zero,
        OperatorNamesVisible = true,
    };

    /// <summary>A requested resolution must be one of the contract's own, and not finer than the right's.</summary>
    private static AccessDecision? CheckResolution(MobilityContract contract, Right right, string resolution)
    {
        if (resolution == right.Resolution)
        {
            return null;
        }
        if (!contract.Zoning.Has(resolution) && resolution != Products.StopResolution)
        {
            return AccessDecision.Deny("unknown-resolution", $"Resolution '{resolution}' is not one of the contract's zonings.");
        }
        var asked = contract.Zoning.Grids.FirstOrDefault(g => g.Id == resolution);
        var granted = contract.Zoning.Grids.FirstOrDefault(g => g.Id == right.Resolution);
        // Only a coarser grid whose cells are unions of granted cells is safe: anything else could be
        // differenced against the granted grid into smaller areas.
        if (asked is not null && granted is not null
            && asked.CellSizeMeters > granted.CellSizeMeters && asked.CellSizeMeters % granted.CellSizeMeters == 0)
        {
            return null;
        }
        return AccessDecision.Deny("finer-than-allowed",
            $"Resolution '{resolution}' is not allowed for '{right.Product}': the contract grants '{right.Resolution}' (or a coarser grid aligned on it).");
    }
}
