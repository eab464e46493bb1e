using System.IO.Compression;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>The GTFS ingestion job on both stores: load, skip unchanged, swap, reject bad input, mark failing.</summary>
public sealed class GtfsIngestionJobTests
{
    private const string FeedId = "gtfs-reseau";

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task First_run_loads_the_sample_and_a_second_run_skips_it(string provider)
    {
        await using var hub = await StartAsync(provider);

        Assert.Equal(GtfsIngestOutcome.Loaded, await RunAsync(hub.Factory));
        Assert.Equal(GtfsIngestOutcome.Unchanged, await RunAsync(hub.Factory));

        await hub.Factory.WithDbAsync(async db =>
        {
            var state = await db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == FeedId);
            var version = await db.Set<GtfsFeedVersion>().SingleAsync();
            Assert.Equal(version.Id, state.CurrentVersionId);
            Assert.Equal(GtfsFeedStatus.Ok, state.Status);
            Assert.Equal(0, version.ErrorCount);
            Assert.Equal(new DateOnly(2027, 12, 31), version.FeedEndDate);
            Assert.Equal(38, await db.Set<GtfsStopRecord>().CountAsync(s => s.VersionId == version.Id));
            Assert.Equal(10024, await db.Set<GtfsStopTimeRecord>().CountAsync(s => s.VersionId == version.Id));
            Assert.Equal(version.StopTimeCount, await db.Set<GtfsStopTimeRecord>().CountAsync());
            var boulingrin = await db.Set<GtfsStopRecord>().SingleAsync(s => s.StopId == "BOUL");
            Assert.Equal(1.1030, boulingrin.Location!.Coordinate.X, 6);
            Assert.Equal(49.4480, boulingrin.Location.Coordinate.Y, 6);
            return 0;
        });
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_changed_feed_becomes_the_current_version(string provider)
    {
        await using var hub = await StartAsync(provider);
        await RunAsync(hub.Factory);
        var first = await CurrentAsync(hub.Factory);

        RewriteEntry(hub.FeedPath, "stops.txt", text => text.Replace("Boulingrin", "Boulingrin (nouveau)"));
        Assert.Equal(GtfsIngestOutcome.Loaded, await RunAsync(hub.Factory));

        var current = await CurrentAsync(hub.Factory);
        Assert.NotEqual(first, current);
        await hub.Factory.WithDbAsync(async db =>
        {
            Assert.Equal("Boulingrin (nouveau)", (await db.Set<GtfsStopRecord>().SingleAsync(s => s.VersionId == current && s.StopId == "BOUL")).StopName);
            // The previous version is kept (KeepVersions = 3) with its rows.
            Assert.Equal("Boulingrin", (await db.Set<GtfsStopRecord>().SingleAsync(s => s.VersionId == first && s.StopId == "BOUL")).StopName);
            return 0;
        });
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_corrupt_zip_leaves_the_previous_version_current_and_records_why(string provider)
    {
        await using var hub = await StartAsync(provider);
        await RunAsync(hub.Factory);
        var first = await CurrentAsync(hub.Factory);

        await File.WriteAllBytesAsync(hub.FeedPath, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(GtfsIngestOutcome.Rejected, await RunAsync(hub.Factory));

        await AssertRejectedAsync(hub.Factory, first);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_invalid_feed_leaves_the_previous_version_current_and_records_why(string provider)
    {
        await using var hub = await StartAsync(provider);
        await RunAsync(hub.Factory);
        var first = await CurrentAsync(hub.Factory);

        // stop_times pointing at a stop that does not exist: a foreign key error.
        RewriteEntry(hub.FeedPath, "stop_times.txt", text => text.Replace(",BOUL,", ",NOWHERE,"));
        Assert.Equal(GtfsIngestOutcome.Rejected, await RunAsync(hub.Factory));

        await AssertRejectedAsync(hub.Factory, first);
        await hub.Factory.WithDbAsync(async db =>
        {
            var rejected = await db.Set<GtfsFeedVersion>().SingleAsync(v => !v.Loaded);
            Assert.Contains("foreign_key_violation", rejected.RejectedReason);
            Assert.Equal(0, await db.Set<GtfsStopTimeRecord>().CountAsync(r => r.VersionId == rejected.Id));
            return 0;
        });
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Repeated_fetch_failures_mark_the_feed_failing(string provider)
    {
        await using var hub = await StartAsync(provider);
        File.Delete(hub.FeedPath);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Assert.ThrowsAnyAsync<IOException>(() => RunAsync(hub.Factory));
            var state = await hub.Factory.WithDbAsync(db => db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == FeedId));
            Assert.Equal(attempt, state.ConsecutiveFailures);
            Assert.Equal(attempt == 3 ? GtfsFeedStatus.Failing : GtfsFeedStatus.Ok, state.Status);
            Assert.StartsWith("fetch failed", state.LastError);
        }
    }

    private static async Task AssertRejectedAsync(HubFactory factory, long previous)
    {
        await factory.WithDbAsync(async db =>
        {
            var state = await db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == FeedId);
            Assert.Equal(previous, state.CurrentVersionId);
            Assert.Equal(GtfsFeedStatus.Invalid, state.Status);
            Assert.False(string.IsNullOrEmpty(state.LastError));
            var rejected = await db.Set<GtfsFeedVersion>().SingleAsync(v => !v.Loaded);
            Assert.True(rejected.ErrorCount > 0);
            Assert.Equal(state.LastError, rejected.RejectedReason);
            return 0;
        });
    }

    private static async Task<GtfsIngestOutcome> RunAsync(HubFactory factory)
    {
        await using var scope = factory.Scope();
        return await scope.ServiceProvider.GetRequiredService<GtfsIngestionJob>().RunAsync(FeedId, CancellationToken.None);
    }

    private static Task<long> CurrentAsync(HubFactory factory) =>
        factory.WithDbAsync(async db => (await db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == FeedId)).CurrentVersionId!.Value);

    private static void RewriteEntry(string zipPath, string entryName, Func<string, string> change)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        var entry = zip.GetEntry(entryName)!;
        string text;
        using (var reader = new StreamReader(entry.Open()))
        {
            text = reader.ReadToEnd();
        }
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
        writer.Write(change(text));
    }

    /// <summary>A hub whose contract's relative <c>../gtfs/reseau-exemple.zip</c> resolves into a private copy of the sample.</summary>
    private static async Task<GtfsHub> StartAsync(string provider)
    {
        var root = Directory.CreateTempSubdirectory("dgt-gtfs-ingest-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "contracts"));
        Directory.CreateDirectory(Path.Combine(root, "gtfs"));
        var feedPath = Path.Combine(root, "gtfs", "reseau-exemple.zip");
        File.Copy(RepoPaths.Feeds("gtfs", "reseau-exemple.zip"), feedPath);
        var factory = await HubFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Gtfs:FileSourceRoot"] = Path.Combine(root, "contracts"),
            ["FeedSources:LocalRoot"] = root,
        });
        return new GtfsHub(factory, feedPath, root);
    }

    private sealed record GtfsHub(HubFactory Factory, string FeedPath, string Root) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            Directory.Delete(Root, recursive: true);
        }
    }
}
