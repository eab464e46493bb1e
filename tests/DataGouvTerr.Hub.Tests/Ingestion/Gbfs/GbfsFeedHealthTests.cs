using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gbfs;

/// <summary>
/// Issue 11, "feed health tells the truth", on both stores with a real Kestrel GBFS server on 127.0.0.1 and faults
/// injected into it: a poll whose files all fail stores nothing new and counts as a failure (no snapshot rebuilt from
/// the cached copies); a count-drop incident lasts while the stations are missing; /gbfs/feeds/{id} gives times with
/// their offset; Gbfs:TickCron is the tick's cron; raw files are kept only when their bytes change.
/// </summary>
public sealed class GbfsFeedHealthTests
{
    private const long LastUpdated = 1751437263;

    /// <summary>A 2.3 system of <paramref name="stations"/> stations (ttl 0: every file is due at every poll), one bike each.</summary>
    private static async Task<GbfsTestServer> ServeAsync(int stations)
    {
        var server = await GbfsTestServer.StartAsync();
        var feeds = $"[{Feed("station_information")}, {Feed("station_status")}]";
        server.Serve("gbfs.json", Envelope("{\"fr\": {\"feeds\": " + feeds + "}}"));
        var information = string.Join(",", Enumerable.Range(0, 122).Select(i =>
            $"{{\"station_id\": \"s{i}\", \"name\": \"S{i}\", \"lat\": {(49.43 + (i * 0.0002)).ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"lon\": 1.09, \"capacity\": 20}}"));
        server.Serve("station_information.json", Envelope("{\"stations\": [" + information + "]}"));
        ServeStatus(server, stations);
        return server;

        string Feed(string name) => $"{{\"name\": \"{name}\", \"url\": \"{server.Url(name + ".json")}\"}}";
    }

    /// <summary>A GBFS 2.3 file around <paramref name="data"/>, ttl 0.</summary>
    private static string Envelope(string data) => $"{{\"last_updated\": {LastUpdated}, \"ttl\": 0, \"version\": \"2.3\", \"data\": {data}}}";

    /// <summary>station_status listing the first <paramref name="stations"/> stations, one bike available at each.</summary>
    private static void ServeStatus(GbfsTestServer server, int stations, int bikes = 1)
    {
        var status = string.Join(",", Enumerable.Range(0, stations).Select(i =>
            $"{{\"station_id\": \"s{i}\", \"is_installed\": true, \"is_renting\": true, \"is_returning\": true, \"last_reported\": {LastUpdated}, \"num_bikes_available\": {bikes}, \"num_docks_available\": 5}}"));
        server.Serve("station_status.json", Envelope("{\"stations\": [" + status + "]}"));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_poll_where_every_file_fails_stores_nothing_new_and_counts_as_a_failure(string provider)
    {
        await using var server = await ServeAsync(122);
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("gbfs.json"));
        Assert.Equal(GbfsPollOutcome.Ingested, (await hub.PollAsync()).Outcome);
        var before = (await hub.AllAsync<GbfsFeedState>()).Single();
        var samplesBefore = (await hub.AllAsync<GbfsStationAvailabilityRecord>()).Count;
        var rawBefore = (await hub.AllAsync<GbfsRawFileRecord>()).Count;
        var requestsBefore = server.Requests.Values.Sum();

        // The server fails every file; the next poll falls in a new availability bin.
        server.FailWith = 503;
        hub.Clock.Advance(TimeSpan.FromMinutes(20));
        var report = await hub.PollAsync();

        Assert.Equal(GbfsPollOutcome.Failed, report.Outcome);
        Assert.Equal(3, server.Requests.Values.Sum() - requestsBefore); // discovery and both files were asked again, and failed
        var after = (await hub.AllAsync<GbfsFeedState>()).Single();
        Assert.Equal(GbfsFeedStatus.Failing, after.Status);
        Assert.Equal(before.LastIngestedAt, after.LastIngestedAt);
        Assert.Equal(122, after.LastVehiclesAvailable);
        Assert.Contains("503", after.LastError, StringComparison.Ordinal);
        Assert.Equal(samplesBefore, (await hub.AllAsync<GbfsStationAvailabilityRecord>()).Count);
        Assert.Equal(rawBefore, (await hub.AllAsync<GbfsRawFileRecord>()).Count);
        var incident = Assert.Single(await hub.AllAsync<GbfsIncidentRecord>(), i => i.Kind == nameof(GbfsIncidentKind.HttpFailure));
        Assert.Null(incident.EndedAt);

        // Only station_status failing is no fresh availability either.
        server.FailWith = 0;
        ServeStatus(server, 122, bikes: 2);
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(GbfsPollOutcome.Ingested, (await hub.PollAsync()).Outcome);
        server.Remove("station_status.json");
        hub.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(GbfsPollOutcome.Failed, (await hub.PollAsync()).Outcome);
        Assert.Equal(hub.Clock.GetUtcNow().UtcDateTime.AddMinutes(-20), (await hub.AllAsync<GbfsFeedState>()).Single().LastIngestedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_count_drop_stays_open_while_the_stations_are_missing_and_closes_when_they_are_back(string provider)
    {
        await using var server = await ServeAsync(122);
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("gbfs.json"));
        await hub.PollAsync();

        // 98 of 122 stations disappear from station_status, for three polls; the 24 left move a little (24, 48, 24
        // bikes), so each poll is a new snapshot judged again (before, the second one closed the incident: 48 is no
        // drop from 24).
        foreach (var bikes in new[] { 1, 2, 1 })
        {
            ServeStatus(server, 24, bikes);
            hub.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(GbfsPollOutcome.Ingested, (await hub.PollAsync()).Outcome);
            var drop = Assert.Single(await hub.AllAsync<GbfsIncidentRecord>(), i => i.Kind == nameof(GbfsIncidentKind.CountDrop));
            Assert.Null(drop.EndedAt);
            Assert.Equal(122, drop.Baseline);
        }

        // Half-way back is still below half of 122; all back ends it.
        ServeStatus(server, 60);
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.PollAsync();
        Assert.Null(Assert.Single(await hub.AllAsync<GbfsIncidentRecord>(), i => i.Kind == nameof(GbfsIncidentKind.CountDrop)).EndedAt);
        ServeStatus(server, 122);
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.PollAsync();
        var ended = Assert.Single(await hub.AllAsync<GbfsIncidentRecord>(), i => i.Kind == nameof(GbfsIncidentKind.CountDrop));
        Assert.Equal(hub.Clock.GetUtcNow().UtcDateTime, ended.EndedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Times_in_the_feed_status_and_notices_carry_their_offset(string provider)
    {
        await using var server = await ServeAsync(122);
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("gbfs.json"));
        await hub.PollAsync();
        ServeStatus(server, 24);
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.PollAsync();
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        var status = await admin.GetFromJsonAsync<JsonElement>("/gbfs/feeds/gbfs-velos");
        var notices = await admin.GetFromJsonAsync<JsonElement>("/gbfs/feeds/gbfs-velos/notices");

        var times = new List<string>
        {
            status.GetProperty("last_polled_at").GetString()!,
            status.GetProperty("last_ingested_at").GetString()!,
        };
        foreach (var file in status.GetProperty("files").EnumerateArray())
        {
            times.Add(file.GetProperty("last_fetched_at").GetString()!);
            times.Add(file.GetProperty("last_updated").GetString()!);
        }
        foreach (var incident in status.GetProperty("incidents").EnumerateArray())
        {
            times.Add(incident.GetProperty("started_at").GetString()!);
            times.Add(incident.GetProperty("last_seen_at").GetString()!);
        }
        times.AddRange(notices.EnumerateArray().Select(n => n.GetProperty("polled_at").GetString()!));

        Assert.True(times.Count >= 9);
        Assert.All(times, t => Assert.EndsWith("+00:00", t, StringComparison.Ordinal));
        Assert.Equal(hub.Clock.GetUtcNow(), DateTimeOffset.Parse(times[1], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(1));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Raw_files_are_kept_only_when_their_bytes_change(string provider)
    {
        await using var server = await ServeAsync(122);
        server.IgnoreConditionals = true; // every file comes back in full at every poll, as from Vélib'
        await using var hub = await GbfsHub.StartAsync(provider, server.Url("gbfs.json"));
        await hub.PollAsync();
        Assert.Equal(["gbfs", "station_information", "station_status"], (await hub.AllAsync<GbfsRawFileRecord>()).Select(r => r.FileName).Order());

        for (var poll = 1; poll <= 3; poll++)
        {
            ServeStatus(server, 122, bikes: 1 + poll); // only station_status changes
            hub.Clock.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(GbfsPollOutcome.Ingested, (await hub.PollAsync()).Outcome);
        }

        Assert.Equal(4 * 3, server.Requests.Values.Sum());
        var kept = (await hub.AllAsync<GbfsRawFileRecord>()).GroupBy(r => r.FileName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["gbfs"] = 1, ["station_information"] = 1, ["station_status"] = 4 }, kept);
    }

    [Fact]
    public async Task The_gbfs_tick_runs_on_Gbfs_TickCron_and_a_Jobs_Cron_row_still_wins()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var contract = await hub.Services.GetRequiredService<IContractProvider>().GetCurrentAsync();
        static string TickOf(IEnumerable<RecurringJobDefinition> rows) => Assert.Single(rows, r => r.Id == GbfsTickJob.RecurringJobId).Cron;
        IConfiguration Config(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

        Assert.Equal("* * * * *", TickOf(RecurringJobTable.Rows(contract, Config())));
        Assert.Equal("*/2 * * * *", TickOf(RecurringJobTable.Rows(contract, Config(("Gbfs:TickCron", "*/2 * * * *")))));
        Assert.Equal("*/5 * * * *", TickOf(RecurringJobTable.Rows(contract, Config(("Gbfs:TickCron", "*/2 * * * *"), ("Jobs:Cron:dgt:gbfs-tick", "*/5 * * * *")))));
    }
}
