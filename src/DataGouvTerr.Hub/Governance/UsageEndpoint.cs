using DataGouvTerr.Domain.Governance;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// Monitoring accountable to the members: a provider reads who used its data. Every product read the access filter
/// allows records the feeds the product is built from (<see cref="ProductSources"/>) on its audit line; this endpoint
/// counts those lines by member, product and day for the feeds the caller provides.
/// </summary>
internal static class UsageEndpoint
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(31);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public static async Task<IResult> HandleAsync(HttpContext http, HubDbContext db, IContractProvider contracts, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.MemberId()!;
        var contract = await contracts.GetCurrentAsync(ct);
        var feeds = contract.Feeds.Where(f => f.ProvidedBy == me).Select(f => f.Id).ToList();
        if (feeds.Count == 0)
        {
            return Results.Problem(statusCode: 403, title: "Forbidden",
                detail: $"Member '{me}' provides no feed under contract {contract.Version}: there is no use of its data to read.");
        }
        DateTimeOffset from, to;
        try
        {
            var query = http.Request.Query;
            to = query.TryGetValue("to", out var t) ? AccessRequestBinder.ParseInstant("to", t.ToString()) : clock.GetUtcNow();
            from = query.TryGetValue("from", out var f) ? AccessRequestBinder.ParseInstant("from", f.ToString()) : to - DefaultWindow;
            if (from >= to || to - from > MaxWindow)
            {
                throw new BadParameterException("from", $"the window from {from:u} to {to:u} must be positive and at most {MaxWindow.TotalDays} days.");
            }
        }
        catch (BadParameterException bad)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [bad.Field] = [bad.Reason] },
                detail: $"Parameter '{bad.Field}' is invalid: {bad.Reason}");
        }
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var padded = feeds.Select(id => $",{id},").ToList();
        var lines = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.AtUnixMs >= fromMs && e.AtUnixMs < toMs && e.Decision == "allowed" && e.SourceFeeds != null && e.Product != null)
            .Where(e => padded.Any(p => ("," + e.SourceFeeds + ",").Contains(p)))
            .Select(e => new { e.MemberId, e.Product, e.AtUnixMs, e.SourceFeeds, e.RowsReturned })
            .ToListAsync(ct);
        var rows = lines
            .GroupBy(e => (Member: e.MemberId ?? "", Product: e.Product!, Day: DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(e.AtUnixMs).UtcDateTime)))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Member, StringComparer.Ordinal).ThenBy(g => g.Key.Product, StringComparer.Ordinal)
            .Select(g => new
            {
                day = g.Key.Day,
                member = g.Key.Member,
                product = g.Key.Product,
                reads = g.Count(),
                rows_returned = g.Sum(e => e.RowsReturned ?? 0),
                your_feeds = g.SelectMany(e => e.SourceFeeds!.Split(',')).Where(feeds.Contains).Distinct().Order(StringComparer.Ordinal),
            }).ToList();
        return Results.Ok(new
        {
            provider = me,
            feeds,
            from,
            to,
            members = rows.Select(r => r.member).Distinct().Order(StringComparer.Ordinal),
            usage = rows,
        });
    }
}
