using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>
/// What members owe the commons (contract point 4): the recurring evaluation job, its sanctions, and
/// <c>GET /obligations</c> where every member reads every member's obligations, their state and sanctions (monitoring is
/// mutual: the state of an obligation is shown, never the data it was judged from).
/// </summary>
public static class ObligationsFeature
{
    public static IServiceCollection AddObligations(this IServiceCollection services)
    {
        services.AddScoped<ObligationEvaluationJob>();
        services.AddScoped<ObligationInForce>();
        return services;
    }

    public static IEndpointRouteBuilder MapObligations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/obligations", async (string? member, HubDbContext db, IContractProvider contracts, CancellationToken ct) =>
        {
            // Any member may read any member's obligations (filter member): Ostrom's monitoring accountable to the members.
            var who = member;
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
                        in_force_since = status?.InForceSince,
                        grace_period_hours = o.GracePeriod.TotalHours,
                        recovery_period_hours = o.RecoveryPeriod.TotalHours,
                        observed_since = status?.ObservedSince,
                        compliant_since = status?.CompliantSince,
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
                    until = s.Until,
                    active = s.LiftedAt == null,
                }),
            });
        }).RequireAuthorization().WithTags("Obligations")
            .WithSummary("Every member's obligations (state, breach start, grace, recovery) and sanctions, readable by every member (filter member).");
        return app;
    }
}
