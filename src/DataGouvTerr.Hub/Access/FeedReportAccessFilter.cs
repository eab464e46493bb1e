using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Contracts;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// The provider rule for feed-level reports (a feed's status, notices, versions and validation reports): they belong
/// to the member that provides the feed, read under its <c>feed-reports</c> right, and to the administrator. Holding
/// <c>feed-reports</c> for one's own feeds grants nothing on another provider's. A feed kind may name a second product
/// whose holders also read the reports (GTFS: <c>stop-maps</c>, since the maps are built from these versions and a
/// planner must judge their quality); GBFS names none. Decided by <see cref="AccessPolicy"/> and audited like every
/// product; a refusal is 403 with the reason (the same for an unknown feed, so refusals reveal no feed ids), and a
/// feed that the contract does not declare with this kind is 404 for those allowed.
/// </summary>
internal sealed class FeedReportAccessFilter(FeedKind kind, string? readerProduct, IContractProvider contracts, IMemberStandingProvider standings, TimeProvider clock)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var memberId = http.User.MemberId();
        if (memberId is null)
        {
            return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "This endpoint needs a member token: send 'Authorization: Bearer <token>'.");
        }
        var contract = await contracts.GetCurrentAsync(http.RequestAborted);
        var standing = await standings.GetAsync(memberId, http.RequestAborted);
        var feedId = http.Request.RouteValues["feedId"] as string ?? "";
        var feed = contract.FindFeed(feedId);
        var member = contract.FindMember(memberId);
        // The administrator is let through to the 404 of an unknown feed; any other member gets the same 403 for a
        // feed it does not provide and for a feed that does not exist.
        var ownsFeed = member?.Kind == MemberKind.Admin || feed is not null && feed.ProvidedBy == memberId;
        var now = clock.GetUtcNow();

        string product;
        AccessDecision decision;
        if (ownsFeed)
        {
            (product, decision) = (Products.FeedReports, AccessPolicy.Decide(contract, standing, new AccessRequest(memberId, Products.FeedReports), now));
            if (!decision.Allowed && readerProduct is not null
                && AccessPolicy.Decide(contract, standing, new AccessRequest(memberId, readerProduct), now) is { Allowed: true } asReader)
            {
                // A provider without the feed-reports right may still read them as a reader of the second product.
                (product, decision) = (readerProduct, asReader);
            }
        }
        else if (readerProduct is not null)
        {
            (product, decision) = (readerProduct, AccessPolicy.Decide(contract, standing, new AccessRequest(memberId, readerProduct), now));
        }
        else
        {
            product = Products.FeedReports;
            decision = AccessDecision.Deny("not-provider",
                $"The reports of feed '{feedId}' are read only by the member that provides it and by the administrator; " +
                $"a feed-reports right covers the member's own feeds.");
        }
        AuditContext.Of(http).Product = product;
        AuditContext.Of(http).Decision = decision;
        AuditContext.Of(http).SourceFeeds = feedId;
        if (!decision.Allowed)
        {
            return Results.Problem(statusCode: 403, title: "Access denied by the mobility contract", detail: decision.Reason,
                type: $"https://datagouvterr.fr/problems/{decision.Code}",
                extensions: new Dictionary<string, object?> { ["code"] = decision.Code, ["product"] = product, ["contract_version"] = contract.Version });
        }
        if (feed is null || feed.Kind != kind)
        {
            return Results.Problem(statusCode: 404, title: "Feed not found", detail: $"The contract declares no {kind.ToString().ToUpperInvariant()} feed '{feedId}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "feedId" });
        }
        return await next(invocation);
    }
}

public static class FeedReportAccessExtensions
{
    /// <summary>Puts a feed-level endpoint (route value <c>feedId</c>) behind <see cref="FeedReportAccessFilter"/>.</summary>
    public static TBuilder RequireFeedReportAccess<TBuilder>(this TBuilder builder, FeedKind kind, string? readerProduct = null)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices;
            var filter = new FeedReportAccessFilter(kind, readerProduct,
                services.GetRequiredService<IContractProvider>(),
                services.GetRequiredService<IMemberStandingProvider>(),
                services.GetRequiredService<TimeProvider>());
            return invocation => filter.InvokeAsync(invocation, next);
        });
        return builder;
    }
}
