using System.Globalization;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Operations;
using DataGouvTerr.Hub.Publishing.Flows;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>
/// <c>GET /privacy/ledger</c>: the administrator reads what each release spent of each window's cap, and every
/// release that was refused and why (filters <c>window</c> = a local day yyyy-MM-dd, <c>member</c>, <c>product</c>).
/// Other members are refused (403). Audited like every request that presents a token.
/// </summary>
public static class PrivacyLedgerEndpoints
{
    private const int MaxLines = 5000;

    public static IEndpointRouteBuilder MapPrivacyLedger(this IEndpointRouteBuilder app)
    {
        app.MapGet("/privacy/ledger", ReadAsync).RequireAuthorization().AcceptsQuery("window", "member", "product").WithTags("Privacy")
            .WithSummary("Privacy ledger (administrator): spend per release and window against the cap, and refused releases.");
        return app;
    }

    private static async Task<IResult> ReadAsync(HttpContext http, HubDbContext db, IContractProvider contracts, IReleasePrivacyTerms privacy, CancellationToken ct)
    {
        if (!http.User.IsAdmin())
        {
            return Results.Problem(statusCode: 403, title: "Forbidden",
                detail: $"Only the administrator reads the privacy ledger; member '{http.User.MemberId()}' sees each product's ε, δ, τ and budget left in GET /products.");
        }
        var query = db.Set<PrivacyLedgerEntry>().AsNoTracking();
        var windowText = http.Request.Query["window"].ToString();
        if (windowText.Length > 0)
        {
            if (!DateOnly.TryParseExact(windowText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["window"] = ["Expected a local day as yyyy-MM-dd, e.g. 2026-03-29."] },
                    detail: "Parameter 'window' is invalid: expected a local day as yyyy-MM-dd.");
            }
            var start = FlowAggregationJob.LocalDayStart(day, Domain.Aggregation.TerritoryTime.Paris);
            var startMs = start.ToUnixTimeMilliseconds();
            var endMs = FlowAggregationJob.LocalDayStart(day.AddDays(1), Domain.Aggregation.TerritoryTime.Paris).ToUnixTimeMilliseconds();
            query = query.Where(e => e.WindowStartMs < endMs && e.WindowEndMs > startMs);
        }
        if (http.Request.Query["member"].ToString() is { Length: > 0 } member)
        {
            query = query.Where(e => e.MemberId == member);
        }
        if (http.Request.Query["product"].ToString() is { Length: > 0 } product)
        {
            query = query.Where(e => e.Product == product);
        }
        var lines = await query.OrderBy(e => e.WindowStartMs).ThenBy(e => e.Id).Take(MaxLines).ToListAsync(ct);
        var contract = await contracts.GetCurrentAsync(ct);
        var cap = privacy.CapOf(contract);
        http.SetRowsReturned(lines.Count);
        return Results.Ok(new
        {
            contract_version = contract.Version,
            cap_per_window = new { epsilon = cap.Epsilon, delta = cap.Delta },
            truncated = lines.Count == MaxLines,
            windows = lines.Where(l => l.Outcome == LedgerOutcomes.Released)
                .GroupBy(l => (l.WindowStartMs, l.WindowEndMs))
                .Select(g => new
                {
                    window_start = Instant(g.Key.WindowStartMs),
                    window_end = Instant(g.Key.WindowEndMs),
                    epsilon_spent = g.Sum(l => l.Epsilon),
                    delta_spent = g.Sum(l => l.Delta),
                    releases = g.Count(),
                }),
            lines = lines.Select(l => new
            {
                window_start = Instant(l.WindowStartMs),
                window_end = Instant(l.WindowEndMs),
                member = l.MemberId,
                product = l.Product,
                outcome = l.Outcome,
                epsilon = l.Epsilon,
                delta = l.Delta,
                release_id = l.ReleaseId,
                right_fingerprint = l.RightFingerprint,
                contract_version = l.ContractVersion,
                reason = l.Reason,
                at = Instant(l.AtMs),
            }),
        });
    }

    private static string Instant(long ms) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), Domain.Aggregation.TerritoryTime.Paris).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
