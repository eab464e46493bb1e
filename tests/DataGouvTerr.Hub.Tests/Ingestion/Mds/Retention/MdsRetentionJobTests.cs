using DataGouvTerr.Hub.Ingestion.Mds.Retention;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Retention;

/// <summary>
/// RGPD retention on both stores: the sample contract keeps mds-scoot raw data 30 days. Rows one minute inside the
/// window stay, rows one minute outside go, rows of another feed are untouched, and a second run changes nothing.
/// </summary>
public sealed class MdsRetentionJobTests
{
    private const string Feed = "mds-scoot";
    private const string OtherFeed = "mds-other"; // not in the contract: its rows must survive whatever their age

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Deletes_raw_rows_older_than_the_feed_retention_and_nothing_else(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        // The fake clock cannot go back, and MDS times are whole milliseconds: move it to the next whole second.
        var clockNow = hub.Clock.GetUtcNow();
        hub.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (clockNow.UtcTicks % TimeSpan.TicksPerSecond)));
        var now = hub.Clock.GetUtcNow();
        var cutoffMs = now.AddDays(-30).ToUnixTimeMilliseconds();
        var inside = cutoffMs + 60_000;
        var outside = cutoffMs - 60_000;
        var nowMs = now.ToUnixTimeMilliseconds();

        await hub.WithDbAsync(async db =>
        {
            db.AddRange(
                MdsRows.Event(Feed, inside, nowMs), MdsRows.Event(Feed, outside, nowMs), MdsRows.Event(Feed, cutoffMs, nowMs),
                MdsRows.Telemetry(Feed, inside, nowMs), MdsRows.Telemetry(Feed, outside, nowMs),
                MdsRows.Trip(Feed, inside, nowMs), MdsRows.Trip(Feed, outside, nowMs),
                MdsRows.Rejected(Feed, inside), MdsRows.Rejected(Feed, outside),
                MdsRows.Event(OtherFeed, outside, nowMs), MdsRows.Trip(OtherFeed, outside, nowMs), MdsRows.Telemetry(OtherFeed, outside, nowMs));
            return await db.SaveChangesAsync();
        });

        var first = await RunAsync(hub);
        var result = Assert.Single(first, r => r.FeedId == Feed);
        Assert.Equal((1, 1, 1, 1), (result.Trips, result.Events, result.Telemetry, result.RejectedItems));

        var remaining = await hub.WithDbAsync(async db => new
        {
            Events = await db.Set<MdsEventRecord>().Where(e => e.FeedId == Feed).Select(e => e.TimestampMs).OrderBy(t => t).ToListAsync(),
            Telemetry = await db.Set<MdsTelemetryRecord>().Where(e => e.FeedId == Feed).Select(e => e.TimestampMs).ToListAsync(),
            Trips = await db.Set<MdsTripRecord>().Where(e => e.FeedId == Feed).Select(e => e.EndTimeMs).ToListAsync(),
            Rejected = await db.Set<MdsRejectedItem>().Where(e => e.FeedId == Feed).Select(e => e.ReceivedAtMs).ToListAsync(),
            Other = await db.Set<MdsEventRecord>().CountAsync(e => e.FeedId == OtherFeed)
                    + await db.Set<MdsTripRecord>().CountAsync(e => e.FeedId == OtherFeed)
                    + await db.Set<MdsTelemetryRecord>().CountAsync(e => e.FeedId == OtherFeed),
        });
        // The row exactly at the cut-off is kept: retention means "older than", not "as old as".
        Assert.Equal([cutoffMs, inside], remaining.Events);
        Assert.Equal([inside], remaining.Telemetry);
        Assert.Equal([inside], remaining.Trips);
        Assert.Equal([inside], remaining.Rejected);
        Assert.Equal(3, remaining.Other);

        // Hangfire may deliver twice: the second run finds nothing more to delete.
        var second = Assert.Single(await RunAsync(hub), r => r.FeedId == Feed);
        Assert.Equal((0, 0, 0, 0), (second.Trips, second.Events, second.Telemetry, second.RejectedItems));

        // Time passes: the rows that were inside the window age out too.
        hub.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = Assert.Single(await RunAsync(hub), r => r.FeedId == Feed);
        Assert.Equal((1, 2, 1, 1), (later.Trips, later.Events, later.Telemetry, later.RejectedItems));
    }

    private static async Task<IReadOnlyList<MdsRetentionFeedResult>> RunAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<MdsRetentionJob>().RunAsync(CancellationToken.None);
    }
}
