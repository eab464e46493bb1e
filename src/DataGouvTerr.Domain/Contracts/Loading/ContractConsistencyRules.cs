using System.Globalization;
using DataGouvTerr.Domain.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// Second pass over a contract: the rules that relate sections to each other (every id referenced exists and is
/// unique, MDS feeds belong to operators, resolutions are zonings of the contract) and the spatial rules
/// (perimeters and zones inside the territory, zones of one set not overlapping).
/// </summary>
internal sealed class ContractConsistencyRules(ContractReadContext context, ContractDraft draft)
{
    /// <summary>
    /// How far a perimeter or zone may stick out of the territory: hand-drawn or separately simplified boundaries
    /// never share vertices exactly, and 50 m is well under the finest grid a contract would publish on.
    /// </summary>
    public const double InsideToleranceMeters = 50;

    /// <summary>Zones of one set may overlap by this much (slivers where simplified borders meet); more is an error.</summary>
    public const double OverlapToleranceSquareMeters = 100;

    private readonly Dictionary<string, Located<Member>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Located<FeedDeclaration>> _feeds = new(StringComparer.Ordinal);

    public void Check()
    {
        CheckResolutionIds();
        CheckMembers();
        CheckAmendableBy();
        CheckFeeds();
        CheckRights();
        CheckPrivacy();
        CheckObligations();
        CheckAreas();
    }

    private void CheckResolutionIds()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var resolutions = draft.Grids.Select(g => (g.Value.Id, Item: (object)g, g.Path, g.Map))
            .Concat(draft.ZoneSets.Select(z => (z.Value.Id, Item: (object)z, z.Path, z.Map)));
        foreach (var (id, _, path, map) in resolutions)
        {
            if (id.Length == 0)
            {
                continue;
            }
            if (id == Products.StopResolution)
            {
                context.Error($"{path}.id", map.Get("id"), $"'{Products.StopResolution}' is reserved for stop-level products; give the zoning another id");
            }
            else if (!seen.Add(id))
            {
                context.Error($"{path}.id", map.Get("id"), $"duplicate zoning id '{id}': grids and zone sets share one list of resolution ids");
            }
        }
        foreach (var set in draft.ZoneSets)
        {
            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, zone) in draft.Zones.Where(z => ReferenceEquals(draft.ZoneSets[z.SetIndex], set)))
            {
                if (zone.Value.Code.Length > 0 && !codes.Add(zone.Value.Code))
                {
                    context.Error(zone.PathOf("code"), zone.NodeOf("code"), $"duplicate zone code '{zone.Value.Code}' in zone set '{set.Value.Id}'");
                }
            }
        }
    }

    private void CheckMembers()
    {
        foreach (var member in draft.Members.Where(m => m.Value.Id.Length > 0))
        {
            if (!_members.TryAdd(member.Value.Id, member))
            {
                context.Error(member.PathOf("id"), member.NodeOf("id"), $"duplicate member id '{member.Value.Id}' (first at {_members[member.Value.Id].Path})");
            }
        }
    }

    private void CheckAmendableBy()
    {
        foreach (var (id, path, node) in draft.AmendableBy.Where(a => !_members.ContainsKey(a.Value)))
        {
            context.Error(path, node, UnknownMember(id));
        }
    }

    private void CheckFeeds()
    {
        var providerIds = new Dictionary<Guid, string>();
        foreach (var feed in draft.Feeds)
        {
            var declaration = feed.Value;
            if (declaration.Id.Length > 0 && !_feeds.TryAdd(declaration.Id, feed))
            {
                context.Error(feed.PathOf("id"), feed.NodeOf("id"), $"duplicate feed id '{declaration.Id}' (first at {_feeds[declaration.Id].Path})");
            }
            var provider = Member(feed, "provided_by", declaration.ProvidedBy);
            if (declaration.Kind == FeedKind.Mds && !context.HasErrorAt(feed.PathOf("kind")) && provider is not null
                && provider.Value.Kind != MemberKind.Operator && !context.HasErrorAt(provider.PathOf("kind")))
            {
                context.Error(feed.PathOf("provided_by"), feed.NodeOf("provided_by"),
                    $"an mds feed must be provided by an operator; '{provider.Value.Id}' is {ContractWords.Word(ContractWords.MemberKinds, provider.Value.Kind)}");
            }
            foreach (var providerId in declaration.ProviderIds)
            {
                if (providerIds.TryGetValue(providerId, out var other))
                {
                    context.Error(feed.PathOf("provider_ids"), feed.NodeOf("provider_ids"),
                        $"provider id {providerId} is already declared by feed '{other}': pushed data must map to one feed");
                }
                else
                {
                    providerIds[providerId] = declaration.Id;
                }
            }
        }
    }

    private void CheckRights()
    {
        var granted = new Dictionary<(string, string), string>();
        foreach (var right in draft.Rights)
        {
            var value = right.Value;
            Member(right, "member", value.MemberId);
            if (value.Resolution.Length > 0 && value.Resolution != Products.StopResolution
                && !draft.Grids.Any(g => g.Value.Id == value.Resolution) && !draft.ZoneSets.Any(z => z.Value.Id == value.Resolution))
            {
                var known = draft.Grids.Select(g => g.Value.Id).Concat(draft.ZoneSets.Select(z => z.Value.Id)).Append(Products.StopResolution);
                context.Error(right.PathOf("resolution"), right.NodeOf("resolution"),
                    $"unknown resolution '{value.Resolution}'; expected a zoning id of this contract or '{Products.StopResolution}': {string.Join(", ", known)}");
            }
            if (value.MemberId.Length > 0 && value.Product.Length > 0 && !granted.TryAdd((value.MemberId, value.Product), right.Path))
            {
                context.Error(right.Path, right.Map.Node,
                    $"member '{value.MemberId}' already has a right to '{value.Product}' at {granted[(value.MemberId, value.Product)]}; one right per member and product");
            }
        }
    }

    /// <summary>
    /// ε and δ only on rights to products that publish trip counts; every such right has an ε when the contract has a
    /// privacy section; and the sum over all rights of all members stays within the cap per window, in ε and in δ
    /// (basic composition: a coalition of members learns at most the sum of their rights).
    /// </summary>
    private void CheckPrivacy()
    {
        var settings = draft.Privacy?.Value ?? PrivacySettings.Defaults;
        var charged = new List<(Located<Right> Right, decimal Epsilon, decimal Delta)>();
        foreach (var right in draft.Rights)
        {
            var value = right.Value;
            if (value.Product.Length == 0 || !Products.All.Contains(value.Product))
            {
                continue;
            }
            if (!Products.DifferentiallyPrivate.Contains(value.Product))
            {
                foreach (var key in new[] { "epsilon", "delta" }.Where(right.Map.Has))
                {
                    context.Error(right.PathOf(key), right.NodeOf(key),
                        $"'{value.Product}' publishes no count of trips and carries no {key}; only {string.Join(", ", Products.DifferentiallyPrivate.Order(StringComparer.Ordinal))} spend privacy budget");
                }
                continue;
            }
            if (value.Epsilon is null && draft.Privacy is not null && !context.HasErrorAt(right.PathOf("epsilon")))
            {
                context.Error(right.PathOf("epsilon"), right.Map.Node,
                    $"a right to '{value.Product}' needs epsilon: the privacy budget (ε) it spends per window, e.g. epsilon: 1.0");
            }
            if (context.HasErrorAt(right.PathOf("epsilon")) || context.HasErrorAt(right.PathOf("delta")))
            {
                continue;
            }
            charged.Add((right, value.Epsilon ?? PrivacySettings.DefaultEpsilon, value.Delta ?? settings.Delta));
        }
        if (draft.Privacy is not null && context.HasErrorAt("privacy"))
        {
            return;
        }
        var cap = settings.CapPerWindow;
        var where = draft.Privacy is null ? "privacy" : "privacy.cap_per_window";
        var node = draft.Privacy?.NodeOf("cap_per_window");
        var defaults = draft.Privacy is null
            ? $" (the contract has no privacy section, so each right spends the default ε = {ContractParser.Text(PrivacySettings.DefaultEpsilon)}, δ = {ContractParser.Text(settings.Delta)} under the default cap; add a privacy section)"
            : "";
        var epsilonSum = charged.Sum(c => c.Epsilon);
        if (epsilonSum > cap.Epsilon)
        {
            context.Error(where, node,
                $"the rights spend ε = {ContractParser.Text(epsilonSum)} per window in all, over the cap ε = {ContractParser.Text(cap.Epsilon)}{defaults}: "
                + string.Join(", ", charged.Select(c => $"{c.Right.Path} ({c.Right.Value.MemberId}, {c.Right.Value.Product}) ε = {ContractParser.Text(c.Epsilon)}")));
        }
        var deltaSum = charged.Sum(c => c.Delta);
        if (deltaSum > cap.Delta)
        {
            context.Error(where, node,
                $"the rights spend δ = {ContractParser.Text(deltaSum)} per window in all, over the cap δ = {ContractParser.Text(cap.Delta)}{defaults}: "
                + string.Join(", ", charged.Select(c => $"{c.Right.Path} ({c.Right.Value.MemberId}, {c.Right.Value.Product}) δ = {ContractParser.Text(c.Delta)}")));
        }
    }

    private void CheckObligations()
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var obligation in draft.Obligations)
        {
            var value = obligation.Value;
            if (value.Id.Length > 0 && !ids.TryAdd(value.Id, obligation.Path))
            {
                context.Error(obligation.PathOf("id"), obligation.NodeOf("id"), $"duplicate obligation id '{value.Id}' (first at {ids[value.Id]})");
            }
            var member = Member(obligation, "member", value.MemberId);
            if (value.FeedId is { } feedId)
            {
                CheckObligationFeed(obligation, feedId, member);
            }
            if (member is null)
            {
                continue;
            }
            var steps = obligation.Map.Sequence("sanctions", required: false);
            for (var i = 0; i < value.Sanctions.Count && i < steps.Count; i++)
            {
                foreach (var product in value.Sanctions[i].SuspendedProducts.Where(Products.All.Contains))
                {
                    if (!draft.Rights.Any(r => r.Value.MemberId == value.MemberId && r.Value.Product == product))
                    {
                        context.Error($"{steps[i].Path}.products", steps[i].Node,
                            $"member '{value.MemberId}' has no right to '{product}' that could be suspended");
                    }
                }
            }
        }
    }

    private void CheckObligationFeed(Located<Obligation> obligation, string feedId, Located<Member>? member)
    {
        if (!_feeds.TryGetValue(feedId, out var feed))
        {
            context.Error(obligation.PathOf("feed"), obligation.NodeOf("feed"), $"unknown feed '{feedId}'; declared feeds: {string.Join(", ", _feeds.Keys)}");
            return;
        }
        if (member is not null && feed.Value.ProvidedBy != member.Value.Id)
        {
            context.Error(obligation.PathOf("feed"), obligation.NodeOf("feed"),
                $"feed '{feedId}' is provided by '{feed.Value.ProvidedBy}', not by '{member.Value.Id}' who owes this obligation");
        }
        var kinds = obligation.Value.Kind switch
        {
            ObligationKind.DataFreshness => [FeedKind.Mds],
            ObligationKind.Coverage => [FeedKind.Mds, FeedKind.Gbfs],
            ObligationKind.GtfsValid or ObligationKind.GtfsNotExpired => [FeedKind.Gtfs],
            _ => new[] { FeedKind.Gtfs, FeedKind.Mds, FeedKind.Gbfs },
        };
        if (!context.HasErrorAt(obligation.PathOf("kind")) && !context.HasErrorAt(feed.PathOf("kind")) && !kinds.Contains(feed.Value.Kind))
        {
            context.Error(obligation.PathOf("feed"), obligation.NodeOf("feed"),
                $"obligation kind {ContractWords.Word(ContractWords.ObligationKinds, obligation.Value.Kind)} applies to {string.Join(" or ", kinds.Select(k => ContractWords.Word(ContractWords.FeedKinds, k)))} feeds; '{feedId}' is {ContractWords.Word(ContractWords.FeedKinds, feed.Value.Kind)}");
        }
    }

    private void CheckAreas()
    {
        if (draft.TerritoryArea is null)
        {
            return;
        }
        var territory = Reprojector.Instance.ToLambert93(draft.TerritoryArea);
        var allowed = PreparedGeometryFactory.Prepare(territory.Buffer(InsideToleranceMeters));
        foreach (var member in draft.Members.Where(m => m.Value.Perimeter is not null))
        {
            var key = member.Map.Has("perimeter") ? "perimeter" : "perimeter_file";
            CheckInside(Reprojector.Instance.ToLambert93(member.Value.Perimeter!), territory, allowed, member.PathOf(key), member.NodeOf(key), "perimeter");
        }
        var projected = draft.Zones
            .Where(z => !z.Zone.Value.Area.IsEmpty)
            .Select(z => (z.SetIndex, z.Zone, Area: Reprojector.Instance.ToLambert93(z.Zone.Value.Area)))
            .ToList();
        foreach (var (_, zone, area) in projected)
        {
            var key = zone.Map.Has("geometry") ? "geometry" : "geometry_file";
            CheckInside(area, territory, allowed, zone.PathOf(key), zone.NodeOf(key), $"zone '{zone.Value.Code}'");
        }
        for (var i = 0; i < projected.Count; i++)
        {
            for (var j = i + 1; j < projected.Count; j++)
            {
                var (a, b) = (projected[i], projected[j]);
                if (a.SetIndex != b.SetIndex || !a.Area.EnvelopeInternal.Intersects(b.Area.EnvelopeInternal))
                {
                    continue;
                }
                var overlap = a.Area.Intersection(b.Area).Area;
                if (overlap > OverlapToleranceSquareMeters)
                {
                    context.Error(b.Zone.PathOf("geometry"), b.Zone.NodeOf("geometry"),
                        $"zone '{b.Zone.Value.Code}' overlaps zone '{a.Zone.Value.Code}' by {overlap:0} m²: zones of one set must not overlap, or one trip would count twice");
                }
            }
        }
    }

    private void CheckInside(Geometry area, Geometry territory, IPreparedGeometry allowed, string path, YamlDotNet.RepresentationModel.YamlNode node, string what)
    {
        if (allowed.Covers(area))
        {
            return;
        }
        var outside = area.Difference(territory).Area / 10_000;
        context.Error(path, node, $"{what} is not inside the territory: {Format(outside)} ha lie outside it (tolerance {InsideToleranceMeters:0} m)");
    }

    private Located<Member>? Member<T>(Located<T> item, string key, string memberId)
    {
        if (memberId.Length == 0)
        {
            return null;
        }
        if (_members.TryGetValue(memberId, out var member))
        {
            return member;
        }
        context.Error(item.PathOf(key), item.NodeOf(key), UnknownMember(memberId));
        return null;
    }

    private string UnknownMember(string id) =>
        $"unknown member '{id}'; members of this contract: {string.Join(", ", _members.Keys)}";

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
