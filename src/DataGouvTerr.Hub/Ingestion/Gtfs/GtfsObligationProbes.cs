using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Obligations;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// "The GTFS feed is valid": the latest fetched version has no validation error. Breached since the fetch of the
/// earliest version in the unbroken run of invalid ones (as far back as versions are kept). A feed never fetched yet
/// is not judged against its provider: there is nothing of theirs to judge.
/// </summary>
internal sealed class GtfsValidProbe(HubDbContext db) : IObligationProbe
{
    public ObligationKind Kind => ObligationKind.GtfsValid;

    public async Task<ProbeResult> CheckAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var feedId = obligation.FeedId ?? contract.FeedsOfKind(FeedKind.Gtfs).FirstOrDefault(f => f.ProvidedBy == obligation.MemberId)?.Id;
        if (feedId is null)
        {
            return ProbeResult.Met($"Member '{obligation.MemberId}' provides no GTFS feed.");
        }
        var versions = await db.Set<GtfsFeedVersion>().AsNoTracking().Where(v => v.FeedId == feedId)
            .OrderByDescending(v => v.Id)
            .Select(v => new { v.FetchedAt, v.ErrorCount, v.RejectedReason })
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return ProbeResult.Met($"{feedId}: no version fetched yet.");
        }
        var invalid = versions.TakeWhile(v => v.ErrorCount > 0 || v.RejectedReason is not null).ToList();
        if (invalid.Count == 0)
        {
            return ProbeResult.Met($"{feedId}: the latest version ({versions[0].FetchedAt:u}) has no validation error.");
        }
        var latest = invalid[0];
        return ProbeResult.Breached(invalid[^1].FetchedAt,
            $"{feedId}: the latest version ({latest.FetchedAt:u}) has {latest.ErrorCount} validation error(s){(latest.RejectedReason is null ? "" : $": {latest.RejectedReason}")}.");
    }
}

/// <summary>
/// "The GTFS feed is not expired": the version in force covers at least the contract's number of days ahead. Breached
/// since the day the coverage fell under that number (its end date minus the days required).
/// </summary>
internal sealed class GtfsNotExpiredProbe(HubDbContext db) : IObligationProbe
{
    public ObligationKind Kind => ObligationKind.GtfsNotExpired;

    public async Task<ProbeResult> CheckAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var feedId = obligation.FeedId ?? contract.FeedsOfKind(FeedKind.Gtfs).FirstOrDefault(f => f.ProvidedBy == obligation.MemberId)?.Id;
        if (feedId is null)
        {
            return ProbeResult.Met($"Member '{obligation.MemberId}' provides no GTFS feed.");
        }
        var current = await db.Set<GtfsFeedState>().AsNoTracking().Where(s => s.FeedId == feedId)
            .Select(s => s.CurrentVersionId).FirstOrDefaultAsync(cancellationToken);
        var end = current is null
            ? null
            : await db.Set<GtfsFeedVersion>().AsNoTracking().Where(v => v.Id == current).Select(v => v.FeedEndDate).FirstOrDefaultAsync(cancellationToken);
        if (end is not { } endDate)
        {
            return ProbeResult.Met($"{feedId}: no version in force with an end date yet.");
        }
        var daysAhead = obligation.MinValidDaysAhead ?? 0;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lastCompliantDay = endDate.AddDays(-daysAhead);
        if (today <= lastCompliantDay)
        {
            return ProbeResult.Met($"{feedId}: valid until {endDate:yyyy-MM-dd}, at least {daysAhead} day(s) ahead.");
        }
        var since = new DateTimeOffset(lastCompliantDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return ProbeResult.Breached(since, $"{feedId}: valid only until {endDate:yyyy-MM-dd}; the contract asks for {daysAhead} day(s) ahead.");
    }
}
