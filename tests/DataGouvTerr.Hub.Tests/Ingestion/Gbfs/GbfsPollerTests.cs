using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gbfs;

public sealed class GbfsPollerTests
{
    /// <summary>Serves the official MobilityData fixtures of one version (Apache-2.0, copied in tests/reference) with a discovery pointing at the server.</summary>
    private static async Task<GbfsTestServer> ServeOfficialAsync(string version)
    {
        var server = await GbfsTestServer.StartAsync();
        var folder = RepoPaths.CopiedReference("gbfs", "gbfs-json-schema", "fixtures", version);
        var files = GbfsFiles.Polled.Where(f => File.Exists(Path.Combine(folder, f + ".json"))).ToList();
        foreach (var file in files)
        {
            server.Serve($"{version}/{file}.json", await File.ReadAllBytesAsync(Path.Combine(folder, file + ".json")));
        }

        var feeds = string.Join(",", files.Select(f => $$"""{"name": "{{f}}", "url": "{{server.Url($"{version}/{f}.json")}}"}"""));
        server.Serve($"{version}/gbfs.json", version == "v3.0"
            ? $$$"""{"last_updated": "2019-07-04T13:33:03.969Z", "ttl": 60, "version": "3.0", "data": {"feeds": [{{{feeds}}}]}}"""
            : $$$$"""{"last_updated": 1606727710, "ttl": 300, "version": "2.3", "data": {"en": {"feeds": [{{{{feeds}}}}]}}}""");
        return server;
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Official_2_3_fixtures_polled_over_http_are_stored(string provider)
    {
        await using var server = await ServeOfficialAsync("v2.3");
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("v2.3/gbfs.json"));

        var report = await hub.PollAsync();

        Assert.Equal(GbfsPollOutcome.Ingested, report.Outcome);
        Assert.Contains(GbfsFiles.FreeBikeStatus, report.FetchedFiles);
        var stations = await hub.AllAsync<GbfsStationRecord>();
        Assert.Equal(["TST:Station:1", "TST:Station:2"], stations.Select(s => s.StationId).Order());
        Assert.Equal(45.67, stations.Single(s => s.StationId == "TST:Station:1").Location.X, 6);
        var availability = await hub.AllAsync<GbfsStationAvailabilityRecord>();
        Assert.Equal(6, availability.Single(a => a.StationId == "TST:Station:2").VehiclesAvailable);
        Assert.NotEmpty(await hub.AllAsync<GbfsGeofencingZoneRecord>());
        Assert.Equal(8, (await hub.AllAsync<GbfsRawFileRecord>()).Count);
        // The fixtures sit outside Rouen and are years old: ingested anyway, with notices saying so.
        var notices = await hub.AllAsync<GbfsNoticeRecord>();
        Assert.Contains(notices, n => n.Code == GbfsNoticeCodes.StationOutsideTerritory);
        Assert.Contains(notices, n => n.Code == GbfsNoticeCodes.StaleLastUpdated);
        Assert.DoesNotContain(notices, n => n.Code == GbfsNoticeCodes.SchemaViolation);
        var feed = Assert.Single(await hub.AllAsync<GbfsFeedState>());
        Assert.Equal("2.3", feed.Version);
        Assert.Contains((await hub.AllAsync<GbfsIncidentRecord>()), i => i.Kind == nameof(GbfsIncidentKind.Stale) && i.EndedAt == null);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Official_3_0_fixtures_polled_over_http_are_stored(string provider)
    {
        await using var server = await ServeOfficialAsync("v3.0");
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("v3.0/gbfs.json"));

        var report = await hub.PollAsync();

        Assert.Equal(GbfsPollOutcome.Ingested, report.Outcome);
        Assert.Contains(GbfsFiles.VehicleStatus, report.FetchedFiles);
        var feed = Assert.Single(await hub.AllAsync<GbfsFeedState>());
        Assert.Equal("3.0", feed.Version);
        Assert.NotEmpty(await hub.AllAsync<GbfsStationRecord>());
        Assert.NotEmpty(await hub.AllAsync<GbfsGeofencingZoneRecord>());
        var files = await hub.AllAsync<GbfsFileState>();
        Assert.Equal(60, files.Single(f => f.FileName == GbfsFiles.StationStatus).TtlSeconds);
        Assert.Equal(new DateTime(2019, 7, 4, 13, 33, 3, 969), files.Single(f => f.FileName == GbfsFiles.StationStatus).LastUpdated);
    }

    [Fact]
    public async Task Files_are_fetched_again_only_after_their_ttl_and_unchanged_ones_answer_304()
    {
        await using var server = await ServeOfficialAsync("v2.3");
        await using var hub = await GbfsHub.StartAsync(StoreProviders.Sqlite, server.Url("v2.3/gbfs.json"));
        await hub.PollAsync();
        var statusPath = "v2.3/station_status.json"; // ttl 0: due at every tick
        var freeBikePath = "v2.3/free_bike_status.json"; // ttl 300

        hub.Clock.Advance(TimeSpan.FromSeconds(299));
        var early = await hub.PollAsync();

        Assert.Equal(2, server.RequestsTo(statusPath));
        Assert.Equal(1, server.NotModified.GetValueOrDefault(statusPath));
        Assert.Equal(1, server.RequestsTo(freeBikePath));
        Assert.Equal(GbfsPollOutcome.Unchanged, early.Outcome);

        hub.Clock.Advance(TimeSpan.FromSeconds(1));
        await hub.PollAsync();

        Assert.Equal(2, server.RequestsTo(freeBikePath));
        Assert.Equal(1, server.NotModified.GetValueOrDefault(freeBikePath));
    }

    [Fact]
    public async Task A_ttl_longer_than_the_contract_schedule_gives_way_to_the_schedule()
    {
        // The sample contract polls gbfs-velos every 5 minutes; this station_information promises an hour.
        await using var server = await ServeOfficialAsync("v2.3");
        var info = (await File.ReadAllTextAsync(RepoPaths.CopiedReference("gbfs", "gbfs-json-schema", "fixtures", "v2.3", "station_information.json")))
            .Replace("\"ttl\": 0", "\"ttl\": 3600");
        server.Serve("v2.3/station_information.json", info);
        await using var hub = await GbfsHub.StartAsync(StoreProviders.Sqlite, server.Url("v2.3/gbfs.json"));
        await hub.PollAsync();

        hub.Clock.Advance(TimeSpan.FromMinutes(4));
        await hub.PollAsync();
        Assert.Equal(1, server.RequestsTo("v2.3/station_information.json"));

        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.PollAsync();
        Assert.Equal(2, server.RequestsTo("v2.3/station_information.json"));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_broken_snapshot_leaves_the_previous_state_intact(string provider)
    {
        await using var server = await ServeOfficialAsync("v2.3");
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("v2.3/gbfs.json"));
        await hub.PollAsync();
        var stationsBefore = await hub.AllAsync<GbfsStationAvailabilityRecord>();
        var fileBefore = (await hub.AllAsync<GbfsFileState>()).Single(f => f.FileName == GbfsFiles.StationStatus);

        server.Serve("v2.3/station_status.json", """{"last_updated": 1751437263, "ttl": 0, "version": "2.3", "data": {"stations": [{"station_id": """);
        hub.Clock.Advance(TimeSpan.FromMinutes(20)); // a later time bin: a partial write would show up as new rows
        var report = await hub.PollAsync();

        Assert.Equal(GbfsPollOutcome.Failed, report.Outcome);
        var stationsAfter = await hub.AllAsync<GbfsStationAvailabilityRecord>();
        Assert.Equal(stationsBefore.Select(a => (a.StationId, a.BinStart, a.VehiclesAvailable)), stationsAfter.Select(a => (a.StationId, a.BinStart, a.VehiclesAvailable)));
        var fileAfter = (await hub.AllAsync<GbfsFileState>()).Single(f => f.FileName == GbfsFiles.StationStatus);
        Assert.Equal(fileBefore.Content, fileAfter.Content);
        Assert.Equal(fileBefore.ETag, fileAfter.ETag);
        var feed = Assert.Single(await hub.AllAsync<GbfsFeedState>());
        Assert.Equal(GbfsFeedStatus.Failing, feed.Status);
        Assert.Contains(await hub.AllAsync<GbfsNoticeRecord>(), n => n.Code == GbfsNoticeCodes.InvalidJson);
        Assert.Contains(await hub.AllAsync<GbfsIncidentRecord>(), i => i.Kind == nameof(GbfsIncidentKind.Unreadable) && i.EndedAt == null);
    }

    [Fact]
    public async Task Http_failures_and_sudden_drops_are_incidents_and_recovery_closes_them()
    {
        await using var server = await GbfsTestServer.StartAsync();
        string Status(int bikes) => $$$"""{"last_updated": 1751437263, "ttl": 0, "version": "2.3", "data": {"stations": [{"station_id": "a", "is_installed": true, "is_renting": true, "is_returning": true, "last_reported": 1751437263, "num_bikes_available": {{{bikes}}}, "num_docks_available": 0}]}}""";
        server.Serve("gbfs.json", """{"last_updated": 1751437263, "ttl": 0, "version": "2.3", "data": {"fr": {"feeds": [{"name": "station_information", "url": "station_information.json"}, {"name": "station_status", "url": "station_status.json"}]}}}""");
        server.Serve("station_information.json", """{"last_updated": 1751437263, "ttl": 0, "version": "2.3", "data": {"stations": [{"station_id": "a", "name": "A", "lat": 49.443, "lon": 1.099, "capacity": 40}]}}""");
        server.Serve("station_status.json", Status(30));
        await using var hub = await GbfsHub.StartAsync(StoreProviders.Sqlite, server.Url("gbfs.json"));
        await hub.PollAsync();

        server.Remove("station_status.json");
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.PollAsync();
        server.Serve("station_status.json", Status(5));
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.PollAsync();

        var incidents = await hub.AllAsync<GbfsIncidentRecord>();
        var http = Assert.Single(incidents, i => i.Kind == nameof(GbfsIncidentKind.HttpFailure));
        Assert.NotNull(http.EndedAt);
        Assert.Contains("404", http.Detail, StringComparison.Ordinal);
        var drop = Assert.Single(incidents, i => i.Kind == nameof(GbfsIncidentKind.CountDrop));
        Assert.Null(drop.EndedAt);
        Assert.Contains("from 30 to 5", drop.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_sample_file_feed_of_the_contract_is_polled_and_the_job_can_run_twice(string provider)
    {
        await using var hub = await GbfsHub.StartAsync(provider, discoveryUrl: null);
        await using (var scope = hub.Scope())
        {
            var job = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GbfsPollJob>(scope.ServiceProvider);
            await job.RunAsync(GbfsHub.FeedId, CancellationToken.None);
            await job.RunAsync(GbfsHub.FeedId, CancellationToken.None);
        }

        Assert.Equal(20, (await hub.AllAsync<GbfsStationRecord>()).Count);
        Assert.Equal(20, (await hub.AllAsync<GbfsStationAvailabilityRecord>()).Count);
        var zones = await hub.AllAsync<GbfsZoneAvailabilityRecord>();
        Assert.Contains(zones, z => z.ZoningId == "communes" && z.ZoneCode == "76540");
        // 20 stations' bikes (available + disabled) plus 8 free-floating e-bikes, counted once per zoning.
        var stationVehicles = (await hub.AllAsync<GbfsStationAvailabilityRecord>()).Sum(a => a.VehiclesAvailable + a.VehiclesDisabled);
        Assert.Equal(stationVehicles + 8, zones.Where(z => z.ZoningId == "grid-500m").Sum(z => z.VehiclesAvailable + z.VehiclesDisabled));
        Assert.Single(await hub.AllAsync<GbfsFeedState>());
    }
}
