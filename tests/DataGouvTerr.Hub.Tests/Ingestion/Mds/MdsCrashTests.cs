using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// The hub as a separate process on a temp SQLite file or a fresh PostGIS database, killed with SIGKILL while clients push events, then
/// restarted: every batch it acknowledged must be stored, each event exactly once, and resending them must store
/// nothing new.
/// </summary>
public class MdsCrashTests
{
    private static readonly Guid ProviderId = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Acknowledged_events_survive_a_kill_9_exactly_once(string provider)
    {
        var location = provider == StoreProviders.Postgres
            ? await TestPostgres.CreateDatabaseAsync("dgt_crash")
            : Path.Combine(Path.GetTempPath(), "dgt-mds-crash-" + Guid.NewGuid().ToString("N")[..8]);
        if (provider == StoreProviders.Sqlite)
        {
            Directory.CreateDirectory(location);
        }
        try
        {
            var storeArgs = HubProcess.StoreArgs(provider, location);
            await HubProcess.RunVerbAsync(["migrate"], storeArgs);
            var token = await HubProcess.IssueTokenAsync("scoot-normandie", provider, location);
            var load = new MdsLoad(ProviderId, devices: 200, DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds());
            var acknowledged = new ConcurrentBag<(Guid DeviceId, long TimestampMs)>();
            var acknowledgedBodies = new ConcurrentBag<byte[]>();
            var sentBatches = 0;

            await using (var hub = await HubProcess.StartAsync(storeArgs))
            {
                using var client = Client(hub.BaseAddress, token);
                var register = await client.PostAsync("/mds/agency/vehicles", Content(load.VehiclesBody(0, 200)));
                Assert.Equal(201, (int)register.StatusCode);

                var cursor = 0;
                var gate = new Lock();
                var pushers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                {
                    while (true)
                    {
                        byte[] body;
                        List<(Guid, long)> keys;
                        lock (gate)
                        {
                            (body, keys) = load.NextEvents(200, ref cursor);
                        }
                        Interlocked.Increment(ref sentBatches);
                        try
                        {
                            using var response = await client.PostAsync("/mds/agency/events", Content(body));
                            if ((int)response.StatusCode == 201)
                            {
                                foreach (var key in keys)
                                {
                                    acknowledged.Add(key);
                                }
                                acknowledgedBodies.Add(body);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                        {
                            return; // the hub is gone: that batch was never acknowledged
                        }
                    }
                })).ToList();

                while (acknowledgedBodies.Count < 25)
                {
                    await Task.Delay(20);
                }
                hub.Kill();
                await Task.WhenAll(pushers);
            }
            Assert.True(sentBatches > acknowledgedBodies.Count, "the kill must land while batches are in flight");

            await using (var restarted = await HubProcess.StartAsync(storeArgs))
            {
                var stored = await ReadStoredKeysAsync(provider, location);
                var duplicates = stored.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.Empty(duplicates);
                var storedSet = stored.ToHashSet();
                var lost = acknowledged.Where(k => !storedSet.Contains(k)).ToList();
                Assert.Empty(lost);

                // Resending what was acknowledged (what a client does when unsure) stores nothing twice.
                using var client = Client(restarted.BaseAddress, token);
                foreach (var body in acknowledgedBodies.Take(5))
                {
                    using var response = await client.PostAsync("/mds/agency/events", Content(body));
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    Assert.Equal(201, (int)response.StatusCode);
                    Assert.Equal(200, json.RootElement.GetProperty("already_known").GetInt32());
                }
                Assert.Equal(stored.Count, (await ReadStoredKeysAsync(provider, location)).Count);
            }
        }
        finally
        {
            if (provider == StoreProviders.Postgres)
            {
                await TestPostgres.DropDatabaseAsync(location);
            }
            else
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(location, recursive: true);
            }
        }
    }

    private static async Task<List<(Guid, long)>> ReadStoredKeysAsync(string provider, string location)
    {
        await using var db = HubProcess.CreateContext(provider, location);
        var keys = await db.Set<MdsEventRecord>().AsNoTracking().Select(e => new { e.DeviceId, e.TimestampMs }).ToListAsync();
        return keys.Select(k => (k.DeviceId, k.TimestampMs)).ToList();
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.mds+json;version=2.0");
        return content;
    }
}
