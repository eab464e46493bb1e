using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;

namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>
/// <c>GET /mds/feeds/{feedId}/freshness?from=&amp;to=</c>: the feed's hourly freshness and coverage, and the verdict on
/// the contract's DataFreshness and Coverage obligations for that feed. The operator that provides the feed and the
/// administrator read it whole. The AOMs, who hold operators to their obligations, read only the coverage as a
/// percentage and the verdicts: the hourly item counts of the last hours would give them trip counts inside their
/// delay and finer than their bins (the embargo of their rights). Other members read nothing.
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
        var whole = http.User.IsAdmin() || member is { Kind: MemberKind.Admin } || member?.Id == feed.ProvidedBy;
        var coverageOnly = !whole && member is { Kind: MemberKind.Aom };
        if (!whole && !coverageOnly)
        {
            return Problem(403, "Not allowed", "feedId", $"Only the feed's operator ({feed.ProvidedBy}), the AOMs (coverage only) and the administrator may read its freshness.");
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
        if (coverageOnly)
        {
            // No counts and no hours: coverage as a percentage of the window and the obligations' verdicts only.
            return Results.Ok(new
            {
                report = new { report.FeedId, report.From, report.To, report.HoursInWindow, report.CoveragePercent, Detail = "coverage-only" },
                obligations,
            });
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
