using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>
/// What members owe the commons (contract point 4): the recurring evaluation job, its sanctions, and
/// <c>GET /obligations</c> where a member reads its obligations' status and sanctions (the administrator reads all).
/// </summary>
public static class ObligationsFeature
{
    public static IServiceCollection AddObligations(this IServiceCollection services)
    {
        services.AddScoped<ObligationEvaluationJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapObligations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/obligations", async (HttpContext http, string? member, HubDbContext db, IContractProvider contracts, CancellationToken ct) =>
        {
            var me = http.User.MemberId()!;
            if (!http.User.IsAdmin() && member is not null && member != me)
            {
                return Results.Problem(statusCode: 403, title: "Forbidden",
                    detail: $"Member '{me}' may read its own obligations only, not those of '{member}'.");
            }
            var who = http.User.IsAdmin() ? member : me;
            var contract = await contracts.GetCurrentAsync(ct);
            var statuses = await db.Set<ObligationStatusRecord>().AsNoTracking()
                .Where(s => who == null || s.MemberId == who).ToDictionaryAsync(s => s.ObligationId, ct);
            var sanctions = await db.Set<SanctionRecord>().AsNoTracking()
                .Where(s => who == null || s.MemberId == who).OrderBy(s => s.Id).ToListAsync(ct);
            return Results.Ok(new
            {
                contract_version = contract.Version,
                obligations = contract.Obligations.Where(o => who == null || o.MemberId == who).Select(o =>
                {
                    var status = statuses.GetValueOrDefault(o.Id);
                    return new
                    {
                        id = o.Id,
                        member = o.MemberId,
                        kind = o.Kind.ToString(),
                        feed = o.FeedId,
                        state = status?.State ?? ObligationStates.NotEvaluated,
                        breached_since = status?.BreachedSince,
                        detail = status?.Detail ?? "Not evaluated yet.",
                        checked_at = status?.CheckedAt,
                        sanctions_steps = o.Sanctions.Select(s => new
                        {
                            after_hours = s.After.TotalHours,
                            action = s.Action == SanctionAction.Warning ? ObligationStates.Warning : ObligationStates.SuspendRights,
                            products = s.SuspendedProducts,
                        }),
                    };
                }),
                sanctions = sanctions.Select(s => new
                {
                    id = s.Id,
                    member = s.MemberId,
                    obligation = s.ObligationId,
                    action = s.Action,
                    products = s.Products.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    reason = s.Reason,
                    since = s.Since,
                    lifted_at = s.LiftedAt,
                    active = s.LiftedAt == null,
                }),
            });
        }).RequireAuthorization().WithTags("Obligations")
            .WithSummary("A member's obligations (state, breach start) and sanctions; the administrator reads all (filter member).");
        return app;
    }
}
