using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Contracts;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>The member pushing, and the MDS feeds of the contract it provides, keyed by provider id.</summary>
public sealed record MdsPusher(string MemberId, MobilityContract Contract, IReadOnlyDictionary<Guid, FeedDeclaration> FeedsByProviderId)
{
    /// <summary>The feed a refused item is filed under when its provider id cannot be read.</summary>
    public FeedDeclaration DefaultFeed => FeedsByProviderId.Values.First();
}

/// <summary>
/// Who may push MDS: the member of the bearer token must provide, in the contract in force, an MDS feed declared
/// as pushed, and may push only items whose <c>provider_id</c> is one of that feed's provider ids. A refusal is a
/// 403 problem naming what is wrong and is audited (the audit middleware records the denial and its reason).
/// A batch naming a foreign provider is refused whole: that is a trust question, not bad data to sort.
/// </summary>
public sealed class MdsPushAuthorizer(IContractProvider contracts)
{
    public sealed record Outcome(MdsPusher? Pusher, IResult? Problem);

    /// <summary>The caller and the UUID named in the path of a read-by-id endpoint, or the problem that stops it.</summary>
    public sealed record ByIdOutcome(MdsPusher? Pusher, Guid Id, IResult? Problem);

    /// <summary>
    /// The common start of the Agency reads by id (a vehicle, its status, a stop): MDS negotiation, the operator's
    /// token, then the path id, which must be a lowercase UUID as the spec writes them.
    /// </summary>
    public async Task<ByIdOutcome> ResolveByIdAsync(HttpContext http, string id, string field, CancellationToken ct)
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: false);
        if (problem is not null)
        {
            return new(null, Guid.Empty, problem);
        }
        var auth = await ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return new(null, Guid.Empty, auth.Problem);
        }
        if (!MdsJsonItemReader.IsSpecUuid(id))
        {
            return new(null, Guid.Empty, MdsProblems.Problem(400, $"Bad {field.Replace('_', ' ')}", field, $"'{id}' is not a lowercase UUID."));
        }
        return new(auth.Pusher, Guid.ParseExact(id, "D"), null);
    }

    public async Task<Outcome> ResolveAsync(HttpContext http, CancellationToken ct)
    {
        var memberId = http.User.MemberId();
        var contract = await contracts.GetCurrentAsync(ct);
        var member = memberId is null ? null : contract.FindMember(memberId);
        if (member is null)
        {
            return Deny(http, "unknown-member", "Authorization", $"Member '{memberId}' is not a party to contract {contract.Version}.");
        }
        var feeds = contract.FeedsOfKind(FeedKind.Mds).Where(f => f.ProvidedBy == member.Id).ToList();
        if (feeds.Count == 0)
        {
            return Deny(http, "no-mds-feed", "Authorization", IsRead(http)
                ? $"Member '{member.Id}' provides no MDS feed in contract {contract.Version}; only the operator of an MDS feed may read what it pushed (its ingestion, vehicles and stops)."
                : $"Member '{member.Id}' provides no MDS feed in contract {contract.Version}; only the operator of an MDS feed may push.");
        }
        var pushed = feeds.Where(f => f.SourceKind == FeedSourceKind.Push).ToList();
        if (pushed.Count == 0)
        {
            return Deny(http, "feed-not-pushed", "Authorization",
                $"The MDS feed(s) {string.Join(", ", feeds.Select(f => f.Id))} of member '{member.Id}' are declared as pulled, not pushed, in contract {contract.Version}.");
        }
        var byProvider = new Dictionary<Guid, FeedDeclaration>();
        foreach (var feed in pushed)
        {
            foreach (var id in feed.ProviderIds)
            {
                byProvider.TryAdd(id, feed);
            }
        }
        if (byProvider.Count == 0)
        {
            return Deny(http, "no-provider-id", "Authorization",
                $"The MDS feed(s) of member '{member.Id}' declare no provider_ids in contract {contract.Version}.");
        }
        AuditContext.Of(http).SourceFeeds = string.Join(",", pushed.Select(f => f.Id));
        return new(new MdsPusher(member.Id, contract, byProvider), null);
    }

    /// <summary>Refuses the batch if any item names a provider id (a readable UUID) not granted to the pusher.</summary>
    public static IResult? CheckProviderIds(HttpContext http, MdsPusher pusher, IReadOnlyList<(int Index, Guid ProviderId)> providerIds)
    {
        var foreign = providerIds.Where(p => !pusher.FeedsByProviderId.ContainsKey(p.ProviderId)).ToList();
        if (foreign.Count == 0)
        {
            return null;
        }
        var ids = foreign.Select(f => f.ProviderId).Distinct().ToList();
        var reason = $"provider_id {string.Join(", ", ids)} (item{(foreign.Count > 1 ? "s" : "")} {string.Join(", ", foreign.Take(10).Select(f => f.Index))}" +
            $"{(foreign.Count > 10 ? ", …" : "")}) is not granted to member '{pusher.MemberId}' by contract {pusher.Contract.Version}; " +
            $"its provider ids are {string.Join(", ", pusher.FeedsByProviderId.Keys)}. Nothing of this batch was stored.";
        return Deny(http, "foreign-provider-id", "provider_id", reason).Problem;
    }

    private static Outcome Deny(HttpContext http, string code, string field, string reason)
    {
        AuditContext.Of(http).Decision = AccessDecision.Deny("mds-" + code, reason);
        return new(null, MdsProblems.Problem(403, IsRead(http) ? "Read refused" : "Push refused", field, reason));
    }

    /// <summary>The same operator check guards the pushes and the operator's reads of its own data; a refused read must not say "push".</summary>
    private static bool IsRead(HttpContext http) => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);

    /// <summary>Reads <c>provider_id</c> of a raw item if it is a spec UUID (validation reports it otherwise).</summary>
    public static Guid? ReadProviderId(System.Text.Json.JsonElement item) =>
        item.ValueKind == System.Text.Json.JsonValueKind.Object
        && item.TryGetProperty("provider_id", out var p)
        && p.ValueKind == System.Text.Json.JsonValueKind.String
        && MdsJsonItemReader.IsSpecUuid(p.GetString()!)
            ? Guid.ParseExact(p.GetString()!, "D")
            : null;
}
