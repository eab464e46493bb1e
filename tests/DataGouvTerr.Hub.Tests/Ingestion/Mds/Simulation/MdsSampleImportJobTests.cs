using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Ingestion.Mds.Simulation;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Simulation;

/// <summary>
/// MdsSampleImportJob on both stores with the committed sample (feeds/mds): loaded once through the push checks,
/// shifted into the last week, and a second run (a restart, or Hangfire delivering twice) loads nothing more.
/// </summary>
public sealed class MdsSampleImportJobTests
{
    private static int CountOf(string file, string key) =>
        (JsonNode.Parse(File.ReadAllText(RepoPaths.Feeds("mds", file)))![key] as JsonArray)!.Count;

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Imports_the_sample_once_into_the_last_week_and_skips_when_data_is_there(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mds:Sample:Folder"] = RepoPaths.Feeds("mds"),
        });

        var first = await RunAsync(hub);

        Assert.Null(first.Skipped);
        Assert.Equal(0, first.Shift.Ticks % TimeSpan.FromDays(7).Ticks);
        // Every item of the sample passes the push checks: the sample is what the demo and the tests rely on.
        Assert.Equal((CountOf("vehicles.json", "vehicles"), 0), (first.Vehicles.Stored, first.Vehicles.Refused));
        Assert.Equal((CountOf("trips.json", "trips"), 0), (first.Trips.Stored, first.Trips.Refused));
        Assert.Equal((CountOf("events.json", "events"), 0), (first.Events.Stored, first.Events.Refused));
        Assert.Equal((CountOf("telemetry.json", "telemetry"), 0), (first.Telemetry.Stored, first.Telemetry.Refused));
        var counts = await CountsAsync(hub);
        Assert.Equal((first.Trips.Stored, first.Events.Stored, first.Telemetry.Stored), counts);
        var (oldest, newest) = await hub.WithDbAsync(async db => (
            await db.Set<MdsEventRecord>().MinAsync(e => e.TimestampMs), await db.Set<MdsEventRecord>().MaxAsync(e => e.TimestampMs)));
        var now = hub.Clock.GetUtcNow();
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(newest), now.AddDays(-7), now);
        Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(oldest) > now.AddDays(-30), "the sample must fall inside the feed's 30-day retention");
        Assert.All(await hub.WithDbAsync(db => db.Set<MdsTripRecord>().Select(t => t.Source).Distinct().ToListAsync()), s => Assert.Equal("sample", s));

        var second = await RunAsync(hub);

        Assert.Equal("feed 'mds-scoot' already has MDS data", second.Skipped);
        Assert.Equal(counts, await CountsAsync(hub));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Says_why_when_there_is_no_sample_to_load(string provider)
    {
        var empty = Directory.CreateTempSubdirectory("dgt-no-sample-").FullName;
        try
        {
            await using var hub = await HubFactory.StartAsync(provider, new Dictionary<string, string?> { ["Mds:Sample:Folder"] = empty });
            var result = await RunAsync(hub);
            Assert.Equal($"no sample in {empty}", result.Skipped);
            Assert.Equal((0, 0, 0), await CountsAsync(hub));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static async Task<MdsSampleImportResult> RunAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<MdsSampleImportJob>().RunAsync(CancellationToken.None);
    }

    private static Task<(int Trips, int Events, int Telemetry)> CountsAsync(HubFactory hub) =>
        hub.WithDbAsync(async db => (
            await db.Set<MdsTripRecord>().CountAsync(),
            await db.Set<MdsEventRecord>().CountAsync(),
            await db.Set<MdsTelemetryRecord>().CountAsync()));
}
