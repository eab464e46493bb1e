using DataGouvTerr.Domain.Access;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Operations;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// The one gate in front of every data endpoint: binds the request, asks <see cref="AccessPolicy"/> (Domain),
/// records the decision for the audit, and answers a refusal as 403 problem details with the reason. The
/// handler then builds its product strictly from the decision (area, resolution, bin, k, embargo).
/// </summary>
internal sealed class ProductAccessFilter(
    string product,
    Func<HttpContext, string, string, AccessRequest> bind,
    IContractProvider contracts,
    IMemberStandingProvider standings,
    TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var memberId = http.User.MemberId();
        if (memberId is null)
        {
            return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "This endpoint needs a member token: send 'Authorization: Bearer <token>'.");
        }
        AccessRequest request;
        try
        {
            request = bind(http, memberId, product);
        }
        catch (BadParameterException bad)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [bad.Field] = [bad.Reason] },
                detail: $"Parameter '{bad.Field}' is invalid: {bad.Reason}");
        }
        var contract = await contracts.GetCurrentAsync(http.RequestAborted);
        var standing = await standings.GetAsync(memberId, http.RequestAborted);
        var decision = AccessPolicy.Decide(contract, standing, request, clock.GetUtcNow());
        AuditContext.Of(http).Product = product;
        AuditContext.Of(http).Decision = decision;
        http.Items[AccessHttpContextExtensions.DecisionKey] = decision;
        if (decision.Allowed)
        {
            // Monitoring accountable to providers: the audit line names the feeds the product is built from, so each
            // provider reads who used its data (GET /audit/usage, GET /governance/usage).
            var feeds = Domain.Governance.ProductSources.FeedsOf(contract, product).Select(f => f.Id).ToList();
            AuditContext.Of(http).SourceFeeds = feeds.Count == 0 ? null : string.Join(",", feeds);
        }
        if (!decision.Allowed)
        {
            return Results.Problem(statusCode: 403, title: "Access denied by the mobility contract", detail: decision.Reason,
                type: $"https://datagouvterr.fr/problems/{decision.Code}",
                extensions: new Dictionary<string, object?> { ["code"] = decision.Code, ["product"] = product, ["contract_version"] = contract.Version });
        }
        return await next(invocation);
    }
}

public static class AccessHttpContextExtensions
{
    internal const string DecisionKey = "dgt:access-decision";

    /// <summary>The decision the access filter took for this request (only on endpoints behind it).</summary>
    public static AccessDecision GetAccessDecision(this HttpContext context) =>
        context.Items[DecisionKey] as AccessDecision
        ?? throw new InvalidOperationException("This endpoint is not behind RequireProductAccess().");

    /// <summary>How many rows the response delivered, for the audit record.</summary>
    public static void SetRowsReturned(this HttpContext context, int rows) => AuditContext.Of(context).RowsReturned = rows;

    /// <summary>Puts an endpoint behind the contract: authentication, <see cref="AccessPolicy"/>, audit.</summary>
    public static RouteHandlerBuilder RequireProductAccess(
        this RouteHandlerBuilder builder, string product, Func<HttpContext, string, string, AccessRequest>? bind = null)
    {
        builder.RequireAuthorization();
        if (bind is null)
        {
            builder.AcceptsQuery("bbox", "resolution", "time_bin", "from", "to");
        }
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices;
            var filter = new ProductAccessFilter(
                product,
                bind ?? AccessRequestBinder.Bind,
                services.GetRequiredService<IContractProvider>(),
                services.GetRequiredService<IMemberStandingProvider>(),
                services.GetRequiredService<TimeProvider>());
            return invocation => filter.InvokeAsync(invocation, next);
        });
        return builder;
    }
}
