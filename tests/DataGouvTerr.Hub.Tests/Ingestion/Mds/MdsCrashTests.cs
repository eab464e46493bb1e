using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// The hub as a separate process on a temp SQLite file, killed with SIGKILL while clients push events, then
/// restarted: every batch it acknowledged must be stored, each event exactly once, and resending them must store
/// nothing new.
/// </summary>
public class MdsCrashTests
{
    private static readonly Guid ProviderId = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");

    [Fact]
    public async Task Acknowledged_events_survive_a_kill_9_exactly_once()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dgt-mds-crash-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var storeArgs = HubProcess.StoreArgs("sqlite", dir);
            await HubProcess.RunVerbAsync(["migrate"], storeArgs);
            var token = await HubProcess.IssueTokenAsync("scoot-normandie", "sqlite", dir);
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
                var stored = ReadStoredKeys(Path.Combine(dir, "hub.db"));
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
                Assert.Equal(stored.Count, ReadStoredKeys(Path.Combine(dir, "hub.db")).Count);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<(Guid, long)> ReadStoredKeys(string dbPath)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DeviceId, TimestampMs FROM mds_events";
        using var reader = command.ExecuteReader();
        var keys = new List<(Guid, long)>();
        while (reader.Read())
        {
            keys.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }
        return keys;
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
