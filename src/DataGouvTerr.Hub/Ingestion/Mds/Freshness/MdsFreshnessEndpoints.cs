using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;

namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>
/// <c>GET /mds/feeds/{feedId}/freshness?from=&amp;to=</c>: the feed's hourly freshness and coverage, and the verdict on
/// the contract's DataFreshness and Coverage obligations for that feed. Readable by the operator that provides the
/// feed, the AOMs (who hold operators to their obligations) and the administrator.
/// </summary>
public sealed class MdsFreshnessEndpoints(IContractProvider contracts, MdsFreshnessQuery query, TimeProvider clock)
{
    /// <summary>Longest window one request may cover (a year of hours), so a query stays small.</summary>
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public async Task<IResult> GetAsync(HttpContext http, string feedId, string? from, string? to, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        var feed = contract.FindFeed(feedId);
        if (feed is not { Kind: FeedKind.Mds })
        {
            return Problem(404, "Feed not found", "feedId", $"The contract declares no MDS feed '{feedId}'.");
        }
        var member = http.User.MemberId() is { } memberId ? contract.FindMember(memberId) : null;
        var allowed = http.User.IsAdmin() || member is { Kind: MemberKind.Aom or MemberKind.Admin } || member?.Id == feed.ProvidedBy;
        if (!allowed)
        {
            return Problem(403, "Not allowed", "feedId", $"Only the feed's operator ({feed.ProvidedBy}), the AOMs and the administrator may read its freshness.");
        }

        // Default window: the last 24 complete hours.
        var now = clock.GetUtcNow();
        var currentHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        if (!TryParse(to, currentHour, out var end))
        {
            return Problem(400, "Bad parameter", "to", $"'{to}' is not an ISO 8601 date-time between 1970 and 2099 (e.g. 2026-11-30T08:00:00Z).");
        }
        if (!TryParse(from, end.AddHours(-24), out var start))
        {
            return Problem(400, "Bad parameter", "from", $"'{from}' is not an ISO 8601 date-time between 1970 and 2099 (e.g. 2026-11-29T08:00:00Z).");
        }
        if (start >= end)
        {
            return Problem(400, "Bad parameter", "from", "'from' must be before 'to'.");
        }
        if (end - start > MaxWindow)
        {
            return Problem(400, "Bad parameter", "from", $"The window may cover at most {MaxWindow.TotalDays} days.");
        }

        var report = await query.GetAsync(feed.Id, start, end, ct);
        var obligations = new List<MdsObligationCheck>();
        foreach (var obligation in contract.Obligations.Where(o => o.FeedId == feed.Id))
        {
            if (await query.JudgeAsync(obligation, feed.Id, start, end, ct) is { } check)
            {
                obligations.Add(check);
            }
        }
        return Results.Ok(new { report, obligations });
    }

    /// <summary>RFC 9457 problem details naming the field at fault and the reason.</summary>
    private static IResult Problem(int status, string title, string field, string reason) =>
        Results.Problem(statusCode: status, title: title, detail: reason,
            type: "https://datagouvterr.fr/problems/mds/" + title.ToLowerInvariant().Replace(' ', '-'),
            extensions: new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason });

    private static bool TryParse(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out value)
            && value >= AccessRequestBinder.EarliestInstant && value < AccessRequestBinder.LatestInstant;
    }
}
