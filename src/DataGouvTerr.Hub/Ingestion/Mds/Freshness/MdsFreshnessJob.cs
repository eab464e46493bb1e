using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>
/// Records freshness and coverage of every MDS feed per hour of event time (<see cref="MdsFeedHour"/>): item counts
/// and lag percentiles. Each run recomputes only the hours that received items since the previous run (late pushes,
/// pulled back-fills), from the raw rows, so it is cheap, exact for what is still stored, and safe to run twice.
/// </summary>
public sealed class MdsFreshnessJob(IContractProvider contracts, HubDbContext db, TimeProvider clock, ILogger<MdsFreshnessJob> logger)
{
    public const string JobId = "dgt:mds-freshness";
    private const long HourMs = 3_600_000;
    private const long MinuteMs = 60_000;
    private const int HoursPerQuery = 200;
    /// <summary>Items committed just before the previous run's clock reading may not have been visible to it.</summary>
    private static readonly long OverlapMs = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var updated = 0;
        foreach (var feed in contract.FeedsOfKind(FeedKind.Mds))
        {
            updated += await RecomputeFeedAsync(feed.Id, cancellationToken);
        }
        return updated;
    }

    /// <summary>Recomputes the hours of <paramref name="feedId"/> that received items since the last run; returns how many.</summary>
    public async Task<int> RecomputeFeedAsync(string feedId, CancellationToken ct)
    {
        var startedMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lastComputed = await db.Set<MdsFeedHour>().Where(h => h.FeedId == feedId).MaxAsync(h => (long?)h.ComputedAtMs, ct);
        var sinceMs = lastComputed is { } last ? last - OverlapMs : long.MinValue;

        var hours = new SortedSet<long>();
        hours.UnionWith(await db.Set<MdsEventRecord>().Where(e => e.FeedId == feedId && e.ReceivedAtMs >= sinceMs)
            .Select(e => e.TimestampMs / HourMs).Distinct().ToListAsync(ct));
        hours.UnionWith(await db.Set<MdsTelemetryRecord>().Where(t => t.FeedId == feedId && t.ReceivedAtMs >= sinceMs)
            .Select(t => t.TimestampMs / HourMs).Distinct().ToListAsync(ct));
        hours.UnionWith(await db.Set<MdsTripRecord>().Where(t => t.FeedId == feedId && t.ReceivedAtMs >= sinceMs)
            .Select(t => t.EndTimeMs / HourMs).Distinct().ToListAsync(ct));

        foreach (var chunk in hours.Chunk(HoursPerQuery))
        {
            await RecomputeHoursAsync(feedId, chunk, startedMs, ct);
        }
        logger.LogInformation("MDS freshness of {FeedId}: {Hours} hours recomputed", feedId, hours.Count);
        return hours.Count;
    }

    private async Task RecomputeHoursAsync(string feedId, long[] hourIndexes, long computedAtMs, CancellationToken ct)
    {
        var fromMs = hourIndexes[0] * HourMs;
        var toMs = (hourIndexes[^1] + 1) * HourMs;
        var wanted = hourIndexes.ToList();

        var events = await db.Set<MdsEventRecord>()
            .Where(e => e.FeedId == feedId && e.TimestampMs >= fromMs && e.TimestampMs < toMs && wanted.Contains(e.TimestampMs / HourMs))
            .GroupBy(e => new { Hour = e.TimestampMs / HourMs, Lag = (e.ReceivedAtMs - e.TimestampMs) / MinuteMs })
            .Select(g => new Bucket(g.Key.Hour, g.Key.Lag, g.Count())).ToListAsync(ct);
        var telemetry = await db.Set<MdsTelemetryRecord>()
            .Where(t => t.FeedId == feedId && t.TimestampMs >= fromMs && t.TimestampMs < toMs && wanted.Contains(t.TimestampMs / HourMs))
            .GroupBy(t => new { Hour = t.TimestampMs / HourMs, Lag = (t.ReceivedAtMs - t.TimestampMs) / MinuteMs })
            .Select(g => new Bucket(g.Key.Hour, g.Key.Lag, g.Count())).ToListAsync(ct);
        var trips = await db.Set<MdsTripRecord>()
            .Where(t => t.FeedId == feedId && t.EndTimeMs >= fromMs && t.EndTimeMs < toMs && wanted.Contains(t.EndTimeMs / HourMs))
            .GroupBy(t => new { Hour = t.EndTimeMs / HourMs, Lag = (t.ReceivedAtMs - t.EndTimeMs) / MinuteMs })
            .Select(g => new Bucket(g.Key.Hour, g.Key.Lag, g.Count())).ToListAsync(ct);

        var existing = await db.Set<MdsFeedHour>()
            .Where(h => h.FeedId == feedId && h.HourStartMs >= fromMs && h.HourStartMs < toMs)
            .ToDictionaryAsync(h => h.HourStartMs, ct);
        foreach (var hour in hourIndexes)
        {
            var histogram = new LagHistogram();
            var counts = new int[3];
            var sources = new[] { events, telemetry, trips };
            for (var s = 0; s < sources.Length; s++)
            {
                foreach (var bucket in sources[s].Where(b => b.Hour == hour))
                {
                    histogram.Add(bucket.LagMinutes, bucket.Count);
                    counts[s] += bucket.Count;
                }
            }
            var startMs = hour * HourMs;
            if (!existing.TryGetValue(startMs, out var row))
            {
                row = new MdsFeedHour { FeedId = feedId, HourStartMs = startMs };
                db.Add(row);
            }
            // Counts only grow while raw rows exist; once retention removed them, keep what was recorded.
            if (histogram.Total == 0)
            {
                row.ComputedAtMs = computedAtMs;
                continue;
            }
            row.EventCount = counts[0];
            row.TelemetryCount = counts[1];
            row.TripCount = counts[2];
            row.LagP50Minutes = histogram.Percentile(0.5);
            row.LagP95Minutes = histogram.Percentile(0.95);
            row.LagMaxMinutes = histogram.Max;
            row.ComputedAtMs = computedAtMs;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private sealed record Bucket(long Hour, long LagMinutes, int Count);
}
