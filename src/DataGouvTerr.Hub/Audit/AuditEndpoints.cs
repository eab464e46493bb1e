using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Operations;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Reading the audit log. <c>GET /audit</c>: the administrator reads everything (filters member, product, feed,
/// from, to; paged), any other member reads its own lines. <c>GET /audit/usage</c>: a provider reads who accessed
/// products built from the feeds it provides under the contract in force.
/// </summary>
internal static class AuditEndpoints
{
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/audit").WithTags("Audit").RequireAuthorization();

        group.MapGet("/", async (HttpContext http, HubDbContext db, CancellationToken ct) =>
        {
            var me = http.User.MemberId()!;
            var requested = http.Request.Query["member"].ToString();
            if (!http.User.IsAdmin() && requested.Length > 0 && requested != me)
            {
                return Results.Problem(statusCode: 403, title: "Forbidden",
                    detail: $"Member '{me}' may read its own audit lines only, not those of '{requested}'.");
            }
            var member = http.User.IsAdmin() ? NullIfEmpty(requested) : me;
            var feed = http.User.IsAdmin() ? NullIfEmpty(http.Request.Query["feed"].ToString()) : null;
            return await PageAsync(http, db, member, feed is null ? null : [feed], ct);
        }).AcceptsQuery("member", "product", "feed", "from", "to", "page", "page_size").WithSummary("Audit lines: all for the administrator (filters member, product, feed, from, to), one's own otherwise.");

        group.MapGet("/usage", async (HttpContext http, HubDbContext db, IContractProvider contracts, CancellationToken ct) =>
        {
            var me = http.User.MemberId()!;
            var contract = await contracts.GetCurrentAsync(ct);
            var feeds = contract.Feeds.Where(f => f.ProvidedBy == me).Select(f => f.Id).ToList();
            if (feeds.Count == 0)
            {
                return Results.Problem(statusCode: 403, title: "Forbidden",
                    detail: $"Member '{me}' provides no feed under contract {contract.Version}: there is no use of its data to read.");
            }
            return await PageAsync(http, db, null, feeds, ct);
        }).AcceptsQuery("product", "from", "to", "page", "page_size").WithSummary("Who accessed products built from the caller's feeds (providers).");
        return app;
    }

    private static async Task<IResult> PageAsync(HttpContext http, HubDbContext db, string? member, IReadOnlyList<string>? feeds, CancellationToken ct)
    {
        var query = http.Request.Query;
        long? fromMs;
        long? toMs;
        int page;
        int pageSize;
        try
        {
            fromMs = query.TryGetValue("from", out var from) ? AccessRequestBinder.ParseInstant("from", from.ToString()).ToUnixTimeMilliseconds() : null;
            toMs = query.TryGetValue("to", out var to) ? AccessRequestBinder.ParseInstant("to", to.ToString()).ToUnixTimeMilliseconds() : null;
            page = ParsePositive(query, "page", 1, MaxPage);
            pageSize = ParsePositive(query, "page_size", 100, MaxPageSize);
        }
        catch (BadParameterException bad)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [bad.Field] = [bad.Reason] },
                detail: $"Parameter '{bad.Field}' is invalid: {bad.Reason}");
        }

        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (member is not null)
        {
            entries = entries.Where(e => e.MemberId == member);
        }
        if (NullIfEmpty(query["product"].ToString()) is { } product)
        {
            entries = entries.Where(e => e.Product == product);
        }
        if (fromMs is { } f)
        {
            entries = entries.Where(e => e.AtUnixMs >= f);
        }
        if (toMs is { } t)
        {
            entries = entries.Where(e => e.AtUnixMs < t);
        }
        if (feeds is not null)
        {
            // SourceFeeds is a comma-separated list: pad both sides so "gbfs" never matches "gbfs-velos".
            var padded = feeds.Select(id => $",{id},").ToList();
            entries = entries.Where(e => e.SourceFeeds != null && padded.Any(p => ("," + e.SourceFeeds + ",").Contains(p)));
        }
        var total = await entries.CountAsync(ct);
        var lines = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return Results.Ok(new
        {
            page,
            page_size = pageSize,
            total,
            entries = lines.Select(e => new
            {
                id = e.Id,
                at = e.At,
                member = e.MemberId,
                token = e.TokenId,
                endpoint = e.Endpoint,
                product = e.Product,
                parameters = e.Parameters,
                rows_returned = e.RowsReturned,
                decision = e.Decision,
                reason = e.Reason,
                status_code = e.StatusCode,
                source_feeds = e.SourceFeeds?.Split(',', StringSplitOptions.RemoveEmptyEntries),
                leaf_hash = e.LeafHash,
            }),
        });
    }

    /// <summary>Highest page number: (page - 1) × page_size must stay an int offset (it overflowed for page = 2147483647).</summary>
    private const int MaxPage = 1_000_000;

    private static int ParsePositive(IQueryCollection query, string field, int fallback, int max)
    {
        if (!query.TryGetValue(field, out var raw))
        {
            return fallback;
        }
        return int.TryParse(raw.ToString(), out var value) && value >= 1 && value <= max
            ? value
            : throw new BadParameterException(field, $"'{raw}' is not a whole number between 1 and {max}.");
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
