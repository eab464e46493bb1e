using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Obligations;

namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>
/// Judges an operator's MDS obligations (data freshness, coverage) from the hourly freshness records, day by day:
/// the obligation is met when the last 24 hours meet it; otherwise it has been breached since the start of the
/// earliest of the consecutive failing days (looking back at most <see cref="LookBackDays"/>), so the graduated
/// sanctions count from the real start of the breach and two runs give the same answer.
/// </summary>
internal abstract class MdsObligationProbe(MdsFreshnessQuery freshness) : IObligationProbe
{
    private const int LookBackDays = 60;

    public abstract ObligationKind Kind { get; }

    public async Task<ProbeResult> CheckAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var feedIds = obligation.FeedId is { } id
            ? [id]
            : contract.FeedsOfKind(FeedKind.Mds).Where(f => f.ProvidedBy == obligation.MemberId).Select(f => f.Id).ToList();
        if (feedIds.Count == 0)
        {
            return ProbeResult.Met($"Member '{obligation.MemberId}' provides no MDS feed to judge.");
        }
        DateTimeOffset? breachedSince = null;
        string? firstExplanation = null;
        for (var day = 0; day < LookBackDays; day++)
        {
            var to = now.AddDays(-day);
            var from = to.AddDays(-1);
            var failing = await FirstFailingAsync(obligation, feedIds, from, to, cancellationToken);
            if (failing is null)
            {
                break;
            }
            breachedSince = from;
            firstExplanation ??= failing;
        }
        return breachedSince is { } since
            ? ProbeResult.Breached(since, firstExplanation!)
            : ProbeResult.Met($"Met over the last 24 hours on {string.Join(", ", feedIds)}.");
    }

    private async Task<string?> FirstFailingAsync(Obligation obligation, IEnumerable<string> feedIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        foreach (var feedId in feedIds)
        {
            var check = await freshness.JudgeAsync(obligation, feedId, from, to, ct);
            if (check is { Met: false })
            {
                return $"{feedId}: {check.Explanation}";
            }
        }
        return null;
    }
}

/// <summary>Data freshness: 95 % of an hour's items received within the contract's maximum lag.</summary>
internal sealed class MdsDataFreshnessProbe(MdsFreshnessQuery freshness) : MdsObligationProbe(freshness)
{
    public override ObligationKind Kind => ObligationKind.DataFreshness;
}

/// <summary>Coverage: the share of hours with data reaches the contract's minimum.</summary>
internal sealed class MdsCoverageProbe(MdsFreshnessQuery freshness) : MdsObligationProbe(freshness)
{
    public override ObligationKind Kind => ObligationKind.Coverage;
}
