namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// When each GBFS file is fetched again. The hub ticks often (every minute by default) and fetches a file only
/// when it is due: after its <c>ttl</c> (the publisher's promise that nothing changes sooner), but never later than
/// the contract's schedule interval. When the two disagree (ttl longer than the schedule), the contract wins: it is
/// what the operator signed, and conditional requests (ETag/Last-Modified) make an unchanged file cost a 304.
/// </summary>
public static class GbfsPollPlanner
{
    public static TimeSpan Interval(int ttlSeconds, TimeSpan scheduleInterval)
    {
        var ttl = TimeSpan.FromSeconds(Math.Max(ttlSeconds, 0));
        return ttl < scheduleInterval ? ttl : scheduleInterval;
    }

    public static DateTimeOffset NextFetch(DateTimeOffset lastFetchedAt, int ttlSeconds, TimeSpan scheduleInterval) =>
        lastFetchedAt + Interval(ttlSeconds, scheduleInterval);

    public static bool IsDue(DateTimeOffset now, DateTimeOffset? lastFetchedAt, int ttlSeconds, TimeSpan scheduleInterval) =>
        lastFetchedAt is not { } last || now >= NextFetch(last, ttlSeconds, scheduleInterval);
}
