using System.Text.Json;
using DataGouvTerr.Domain.Governance;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Operations;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// Governing the commons through the API (issue 13): proposals and votes on contract versions, disputes before the
/// mediator, emergency suspensions, the notices each member receives, and each provider's view of who read products
/// built from its data. Every act is audited (the request by the audit middleware, the act itself explicitly).
/// </summary>
public static class GovernanceFeature
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.AddScoped<MemberNotices>();
        services.AddScoped<ProposalService>();
        services.AddScoped<DisputeService>();
        services.AddScoped<EmergencySuspensionService>();
        services.AddScoped<GovernanceJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapGovernance(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/governance").WithTags("Governance").RequireAuthorization();

        group.MapPost("/proposals", async (HttpContext http, ProposalService proposals, CancellationToken ct) =>
            await Guarded(async () =>
            {
                var (title, yaml, changes) = await ReadProposalAsync(http, ct);
                var proposal = await proposals.ProposeAsync(http.User.MemberId()!, title, yaml, changes, ct);
                return Results.Created($"/governance/proposals/{proposal.Id}", await ViewAsync(proposal, proposals, ct));
            }))
            .WithSummary("Propose a contract version: JSON {title, yaml} (whole file) or {title, changes} (keys that change), or a YAML body. Validated, diffed (fr/en), affected members computed.");

        group.MapGet("/proposals", async (ProposalService proposals, HubDbContext db, CancellationToken ct) =>
        {
            var all = await db.Set<ProposalRecord>().AsNoTracking().OrderByDescending(p => p.Id).ToListAsync(ct);
            var views = new List<object>();
            foreach (var p in all)
            {
                views.Add(await ViewAsync(p, proposals, ct));
            }
            return Results.Ok(views);
        }).WithSummary("Every proposal, newest first, with its diff, votes and tally (any member).");

        group.MapGet("/proposals/{id:long}", async (long id, ProposalService proposals, CancellationToken ct) =>
            await Guarded(async () => Results.Ok(await ViewAsync(await proposals.FindAsync(id, ct), proposals, ct))))
            .WithSummary("One proposal (any member).");

        group.MapPut("/proposals/{id:long}/vote", async (long id, HttpContext http, ProposalService proposals, CancellationToken ct) =>
            await Guarded(async () =>
            {
                var body = await ReadJsonAsync(http, ct);
                var vote = await proposals.VoteAsync(id, http.User.MemberId()!, Text(body, "choice"), Text(body, "reason"), ct);
                return Results.Ok(new { proposal = id, member = vote.MemberId, choice = vote.Choice, reason = vote.Reason, cast_at = vote.CastAt });
            }))
            .WithSummary("Vote for, against or abstain; one vote per member, changeable until the proposal closes.");

        group.MapPost("/proposals/{id:long}/close", async (long id, HttpContext http, ProposalService proposals, CancellationToken ct) =>
            await Guarded(async () =>
            {
                var proposal = await proposals.CloseAsync(id, http.User.MemberId()!, ct);
                return Results.Ok(await ViewAsync(proposal, proposals, ct));
            })).RequireAuthorization(AccessFeature.AdminPolicy)
            .WithSummary("Close a proposal now (administrator): before its term only once every voter has voted. The votes decide, not the closer.");

        group.MapPost("/disputes", async (HttpContext http, DisputeService disputes, CancellationToken ct) =>
            await Guarded(async () =>
            {
                var body = await ReadJsonAsync(http, ct);
                long? sanction = body.TryGetProperty("sanction_id", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sid) ? sid : null;
                var dispute = await disputes.OpenAsync(http.User.MemberId()!, Text(body, "obligation"), sanction, Text(body, "statement"), ct);
                return Results.Created($"/governance/disputes/{dispute.Id}", DisputeView(dispute));
            }))
            .WithSummary("Contest a sanction (sanction_id) or the finding of an obligation in breach, with a reasoned statement.");

        group.MapGet("/disputes", async (HttpContext http, HubDbContext db, IContractProvider contracts, CancellationToken ct) =>
        {
            var me = http.User.MemberId()!;
            var contract = await contracts.GetCurrentAsync(ct);
            var seesAll = http.User.IsAdmin() || contract.MediatorId == me;
            var disputes = await db.Set<DisputeRecord>().AsNoTracking().Where(d => seesAll || d.MemberId == me).OrderByDescending(d => d.Id).ToListAsync(ct);
            return Results.Ok(disputes.Select(DisputeView));
        }).WithSummary("Disputes visible to the caller: its own; all for the mediator and the administrator.");

        group.MapPost("/disputes/{id:long}/decision", async (long id, HttpContext http, DisputeService disputes, CancellationToken ct) =>
            await Guarded(async () =>
            {
                var body = await ReadJsonAsync(http, ct);
                DateTimeOffset? observedSince = null;
                if (Text(body, "observed_since") is { } text)
                {
                    observedSince = DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                        ? at
                        : throw new GovernanceRefusedException(400, "Invalid date", $"observed_since '{text}' is not an ISO 8601 instant.");
                }
                var dispute = await disputes.DecideAsync(id, http.User.MemberId()!, Text(body, "decision"), Text(body, "reason"), observedSince, ct);
                return Results.Ok(DisputeView(dispute));
            }))
            .WithSummary("The mediator decides a dispute: uphold, lift, or amend (observed_since).");

        group.MapPost("/emergency-suspensions", async (HttpContext http, EmergencySuspensionService emergencies, CancellationToken ct) =>
            await Guarded(async () =>
            {
                var body = await ReadJsonAsync(http, ct);
                var products = body.TryGetProperty("products", out var p) && p.ValueKind == JsonValueKind.Array
                    ? p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                    : null;
                var sanction = await emergencies.SuspendAsync(http.User.MemberId()!, Text(body, "member"), products, Text(body, "reason"), Text(body, "duration"), ct);
                return Results.Created("/obligations", new
                {
                    id = sanction.Id,
                    member = sanction.MemberId,
                    products = sanction.Products.Split(','),
                    reason = sanction.Reason,
                    since = sanction.Since,
                    until = sanction.Until,
                });
            })).RequireAuthorization(AccessFeature.AdminPolicy)
            .WithSummary("Emergency suspension of a member's rights (administrator, if the contract allows): time-limited, audited, announced to every member.");

        group.MapGet("/notices", async (HttpContext http, HubDbContext db, CancellationToken ct) =>
        {
            var me = http.User.MemberId()!;
            var all = http.User.IsAdmin();
            var notices = await db.Set<GovernanceNoticeRecord>().AsNoTracking()
                .Where(n => all || n.MemberId == me || n.MemberId == MemberNotices.Everyone).OrderByDescending(n => n.Id).Take(500).ToListAsync(ct);
            return Results.Ok(notices.Select(n => new { id = n.Id, at = n.At, to = n.MemberId, kind = n.Kind, subject = n.Subject, fr = n.TextFr, en = n.TextEn }));
        }).WithSummary("What the hub announced to the caller (and to every member), newest first: sanction steps, proposals, decisions, emergency suspensions.");

        group.MapGet("/usage", UsageEndpoint.HandleAsync).AcceptsQuery("from", "to")
            .WithSummary("A provider's view: who read products built from its feeds, by member, product and day (from, to; default the last 31 days).");
        return app;
    }

    private static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (GovernanceRefusedException refusal)
        {
            return refusal.ToResult();
        }
    }

    private static async Task<(string? Title, string? Yaml, string? Changes)> ReadProposalAsync(HttpContext http, CancellationToken ct)
    {
        var type = http.Request.ContentType ?? "";
        if (type.Contains("yaml", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(http.Request.Body);
            return (null, await reader.ReadToEndAsync(ct), null);
        }
        var body = await ReadJsonAsync(http, ct);
        return (Text(body, "title"), Text(body, "yaml"), Text(body, "changes"));
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw new GovernanceRefusedException(400, "Invalid body", "Send a JSON object.");
        }
        catch (JsonException e)
        {
            throw new GovernanceRefusedException(400, "Invalid body", $"The body is not JSON: {e.Message}");
        }
    }

    private static string? Text(JsonElement body, string key) =>
        body.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<object> ViewAsync(ProposalRecord p, ProposalService proposals, CancellationToken ct)
    {
        var tally = await proposals.TallyAsync(p, ct);
        var votes = await proposals.VotesAsync(p.Id, ct);
        var diff = JsonSerializer.Deserialize<List<DiffLineDto>>(p.DiffJson) ?? [];
        return new
        {
            id = p.Id,
            title = p.Title,
            proposed_by = p.ProposedBy,
            proposed_at = p.ProposedAt,
            base_version = p.BaseVersion,
            version = p.Version,
            effective_date = p.EffectiveDate,
            state = p.State,
            closes_at = p.ClosesAt,
            decided_at = p.DecidedAt,
            applied_at = p.AppliedAt,
            outcome = p.Outcome,
            change_kinds = ProposalService.Split(p.ChangeKinds).Order(StringComparer.Ordinal),
            affected_members = ProposalService.Split(p.AffectedMembers).Order(StringComparer.Ordinal),
            affected_providers = ProposalService.Split(p.AffectedProviders).Order(StringComparer.Ordinal),
            diff_fr = diff.Select(d => d.Fr),
            diff_en = diff.Select(d => d.En),
            diff = diff.Select(d => new { kind = d.Kind, fr = d.Fr, en = d.En }),
            votes = votes.Select(v => new { member = v.MemberId, choice = v.Choice, reason = v.Reason, cast_at = v.CastAt }),
            // While open: where the votes stand now; closed: the tally under the rules in force today.
            tally = new
            {
                adopted_if_closed_now = tally.Adopted,
                voters = tally.Voters.Order(StringComparer.Ordinal),
                rules = tally.Rules.Select(r => new
                {
                    change = VoteTally.Word(r.Change),
                    voters = r.Voters.ToString(),
                    majority = r.Majority.ToString(),
                    eligible = r.Eligible,
                    @for = r.For,
                    against = r.Against,
                    abstain = r.Abstain,
                    quorum_reached = r.QuorumReached,
                    passes = r.Passes,
                    fr = r.Fr,
                    en = r.En,
                }),
            },
        };
    }

    private static object DisputeView(DisputeRecord d) => new
    {
        id = d.Id,
        member = d.MemberId,
        obligation = d.ObligationId,
        sanction_id = d.SanctionId,
        statement = d.Statement,
        opened_at = d.OpenedAt,
        decide_by = d.DecideBy,
        state = d.State,
        decision = d.Decision,
        decided_by = d.DecidedBy,
        decided_at = d.DecidedAt,
    };
}
