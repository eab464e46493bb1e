using System.IO.Compression;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>
/// The GTFS ingestion job fetching over real HTTP (Kestrel on 127.0.0.1), on both stores: conditional requests,
/// 304 and same-hash skips, a new version on new content, bounded retries of server errors, a truncated zip rejected.
/// </summary>
public sealed class GtfsHttpFetchTests
{
    private const string FeedId = "gtfs-reseau";
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Validators_are_sent_and_only_new_content_makes_a_new_version(string provider)
    {
        await using var hub = await StartAsync(provider);
        var sample = await File.ReadAllBytesAsync(RepoPaths.Feeds("gtfs", "reseau-exemple.zip"));
        hub.Server.Serve(sample, "\"v1\"", Monday);

        Assert.Equal(GtfsIngestOutcome.Loaded, await RunAsync(hub.Factory));
        var first = await CurrentAsync(hub.Factory);

        // Second run: the stored validators go out and the server's 304 means "unchanged", with no new version.
        Assert.Equal(GtfsIngestOutcome.Unchanged, await RunAsync(hub.Factory));
        var requests = hub.Server.Requests.ToArray();
        Assert.Equal((null, null), requests[0]);
        Assert.Equal("\"v1\"", requests[1].IfNoneMatch);
        Assert.Equal(Monday, requests[1].IfModifiedSince);

        // A server that ignores validators sends the same bytes again: the hash says unchanged.
        hub.Server.Serve(sample, "\"v1-again\"", Monday.AddHours(1), honourConditionals: false);
        Assert.Equal(GtfsIngestOutcome.Unchanged, await RunAsync(hub.Factory));
        Assert.Equal(1, await VersionCountAsync(hub.Factory));

        // New content becomes the current version; the next request carries its validators.
        hub.Server.Serve(Rewrite(sample, "stops.txt", t => t.Replace("Boulingrin", "Boulingrin (nouveau)")), "\"v2\"", Monday.AddDays(1));
        Assert.Equal(GtfsIngestOutcome.Loaded, await RunAsync(hub.Factory));
        var second = await CurrentAsync(hub.Factory);
        Assert.NotEqual(first, second);
        Assert.Equal(2, await VersionCountAsync(hub.Factory));
        Assert.Equal(GtfsIngestOutcome.Unchanged, await RunAsync(hub.Factory));
        Assert.Equal("\"v2\"", hub.Server.Requests.Last().IfNoneMatch);
        await hub.Factory.WithDbAsync(async db =>
        {
            Assert.Equal("Boulingrin (nouveau)", (await db.Set<GtfsStopRecord>().SingleAsync(s => s.VersionId == second && s.StopId == "BOUL")).StopName);
            Assert.Equal(10024, await db.Set<GtfsStopTimeRecord>().CountAsync(s => s.VersionId == second));
            // Routes and trips are bulk-loaded too, with their values.
            Assert.Equal(1192, await db.Set<GtfsTripRecord>().CountAsync(t => t.VersionId == second));
            var trip = await db.Set<GtfsTripRecord>().SingleAsync(t => t.VersionId == second && t.TripId == "T1_WD_0_001");
            Assert.Equal(("T1", "WEEKDAY", (int?)0), (trip.RouteId, trip.ServiceId, trip.DirectionId));
            var route = await db.Set<GtfsRouteRecord>().SingleAsync(r => r.VersionId == second && r.RouteId == "T2");
            Assert.Equal(("T2", "Mont-Riboudet - Grand-Quevilly", 0), (route.ShortName, route.LongName, route.RouteType));
            var stopTime = await db.Set<GtfsStopTimeRecord>().SingleAsync(r => r.VersionId == second && r.TripId == "T1_WD_0_001" && r.StopSequence == 2);
            Assert.Equal(("BEAU", (int?)((6 * 3600) + 120), (int?)((6 * 3600) + 150)), (stopTime.StopId, stopTime.ArrivalSeconds, stopTime.DepartureSeconds));
            return 0;
        });
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Server_errors_are_retried_then_recorded_and_the_previous_version_stays_current(string provider)
    {
        await using var hub = await StartAsync(provider);
        hub.Server.Serve(await File.ReadAllBytesAsync(RepoPaths.Feeds("gtfs", "reseau-exemple.zip")), "\"v1\"", Monday);
        await RunAsync(hub.Factory);
        var first = await CurrentAsync(hub.Factory);

        hub.Server.FailWith(500);
        for (var run = 1; run <= 3; run++)
        {
            var before = hub.Server.Requests.Count;
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(hub.Factory));
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
            Assert.Equal(3, hub.Server.Requests.Count - before); // Gtfs:HttpAttempts within one run

            var state = await hub.Factory.WithDbAsync(db => db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == FeedId));
            Assert.Equal(run, state.ConsecutiveFailures);
            Assert.Equal(run == 3 ? GtfsFeedStatus.Failing : GtfsFeedStatus.Ok, state.Status);
            Assert.StartsWith("fetch failed", state.LastError);
            Assert.Contains("500", state.LastError);
            Assert.Equal(first, state.CurrentVersionId);
        }

        Assert.Equal(1, await VersionCountAsync(hub.Factory));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_truncated_zip_is_rejected_with_its_reason_and_the_previous_version_stays_current(string provider)
    {
        await using var hub = await StartAsync(provider);
        var sample = await File.ReadAllBytesAsync(RepoPaths.Feeds("gtfs", "reseau-exemple.zip"));
        hub.Server.Serve(sample, "\"v1\"", Monday);
        await RunAsync(hub.Factory);
        var first = await CurrentAsync(hub.Factory);

        hub.Server.Serve(sample[..(sample.Length / 2)], "\"cut\"", Monday.AddDays(1));
        Assert.Equal(GtfsIngestOutcome.Rejected, await RunAsync(hub.Factory));

        await hub.Factory.WithDbAsync(async db =>
        {
            var state = await db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == FeedId);
            Assert.Equal(first, state.CurrentVersionId);
            Assert.Equal(GtfsFeedStatus.Invalid, state.Status);
            var rejected = await db.Set<GtfsFeedVersion>().SingleAsync(v => !v.Loaded);
            Assert.Equal(state.LastError, rejected.RejectedReason);
            Assert.Contains("corrupt_zip", rejected.RejectedReason);
            Assert.Equal(0, await db.Set<GtfsStopTimeRecord>().CountAsync(r => r.VersionId == rejected.Id));
            Assert.Equal(10024, await db.Set<GtfsStopTimeRecord>().CountAsync(r => r.VersionId == first));
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

    private static Task<int> VersionCountAsync(HubFactory factory) =>
        factory.WithDbAsync(db => db.Set<GtfsFeedVersion>().CountAsync(v => v.Loaded));

    private static byte[] Rewrite(byte[] zipBytes, string entryName, Func<string, string> change)
    {
        using var memory = new MemoryStream();
        memory.Write(zipBytes);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
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

        return memory.ToArray();
    }

    /// <summary>A hub whose contract points feed gtfs-reseau at the test server's URL instead of the sample file.</summary>
    private static async Task<HttpHub> StartAsync(string provider)
    {
        var server = await GtfsTestServer.StartAsync();
        var root = Directory.CreateTempSubdirectory("dgt-gtfs-http-").FullName;
        var contract = Path.Combine(root, "contract.yaml");
        var text = await File.ReadAllTextAsync(RepoPaths.SampleContract);
        const string FileSource = "source: { file: ../gtfs/reseau-exemple.zip }";
        Assert.Contains(FileSource, text);
        await File.WriteAllTextAsync(contract, text.Replace(FileSource, $"source: {{ url: \"{server.FeedUrl}\" }}"));
        var factory = await HubFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Contract:Path"] = contract,
            ["Gtfs:HttpAttempts"] = "3",
            ["Gtfs:HttpRetryDelay"] = "00:00:00",
        });
        return new HttpHub(factory, server, root);
    }

    private sealed record HttpHub(HubFactory Factory, GtfsTestServer Server, string Root) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Server.DisposeAsync();
            Directory.Delete(Root, recursive: true);
        }
    }
}
