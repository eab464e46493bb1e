using System.Diagnostics;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Ingestion.Mds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataGouvTerr.Hub.Tests.Jobs;

/// <summary>
/// A worker killed with SIGKILL in the middle of a GTFS ingestion (holding the feed's lock, its download stalled by a
/// local Kestrel server), then a worker started on the same store: the dead worker's lease is taken over and the feed
/// is loaded by itself, within a minute of the kill, on SQLite and on PostGIS. Before leases, Hangfire's lock of a
/// dead holder stayed for minutes and the start-up ingestion gave up.
/// </summary>
public sealed class FeedLeaseCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string FeedId = "gtfs-reseau";

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_worker_killed_while_holding_a_feed_lock_is_taken_over_and_the_feed_loads_within_a_minute(string provider)
    {
        var location = provider == StoreProviders.Postgres
            ? await TestPostgres.CreateDatabaseAsync("dgt_lease")
            : Directory.CreateTempSubdirectory("dgt-lease-").FullName;
        var root = Directory.CreateTempSubdirectory("dgt-lease-contract-").FullName;
        await using var server = await StallingGtfsServer.StartAsync(await File.ReadAllBytesAsync(RepoPaths.Feeds("gtfs", "reseau-exemple.zip")));
        try
        {
            var contract = Path.Combine(root, "contract.yaml");
            const string FileSource = "source: { file: ../gtfs/reseau-exemple.zip }";
            var text = await File.ReadAllTextAsync(RepoPaths.SampleContract);
            Assert.Contains(FileSource, text);
            await File.WriteAllTextAsync(contract, text.Replace(FileSource, $"source: {{ url: \"{server.FeedUrl}\" }}"));
            var storeArgs = HubProcess.StoreArgs(provider, location);
            // No demo load: on SQLite a worker would enqueue it at start-up, and its one job thread would be busy with it.
            string[] workerArgs = ["--Contract:Path=" + contract, "--Hub:Role=worker", "--Hub:WorkerCount=1", "--Demo:LoadWhenEmpty=false"];
            await HubProcess.RunVerbAsync(["migrate"], storeArgs);

            int killedPid;
            await using (var first = await HubProcess.StartAsync(storeArgs, extraArgs: workerArgs))
            {
                killedPid = first.ProcessId;
                // The start-up ingestion takes the feed's lease, then its download hangs on the stalled server.
                await WaitForAsync(() => Task.FromResult(server.StalledRequests > 0), TimeSpan.FromSeconds(90), () => "the first worker's download; its output: " + first.Output);
                var holder = await LeaseHolderAsync(provider, location);
                Assert.NotNull(holder);
                Assert.Contains($":{killedPid}:", holder, StringComparison.Ordinal);
                first.Kill();
            }
            var killedAt = Stopwatch.StartNew();
            server.Stall = false;
            // The dead worker's lease is still in the store: nobody released it.
            Assert.Contains($":{killedPid}:", await LeaseHolderAsync(provider, location) ?? "", StringComparison.Ordinal);

            await using var second = await HubProcess.StartAsync(storeArgs, extraArgs: workerArgs);
            await WaitForAsync(async () => await CurrentVersionAsync(provider, location) is not null, TimeSpan.FromSeconds(90),
                () => "the feed loaded by the second worker; its output: " + second.Output);
            var recovered = killedAt.Elapsed;
            output.WriteLine($"{provider}: feed loaded {recovered.TotalSeconds:F1} s after the kill (second worker start-up included)");

            Assert.True(recovered < TimeSpan.FromSeconds(60), $"The feed was loaded {recovered.TotalSeconds:F1} s after the kill; second worker: {second.Output}");
            Assert.Equal(1, server.FullResponses);
            // Released by the second worker once done.
            await WaitForAsync(async () => await LeaseHolderAsync(provider, location) is null, TimeSpan.FromSeconds(10), () => "the lease released");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            if (provider == StoreProviders.Sqlite)
            {
                Directory.Delete(location, recursive: true);
            }
        }
    }

    private static async Task<string?> LeaseHolderAsync(string provider, string location)
    {
        if (provider == StoreProviders.Postgres)
        {
            await using var connection = new NpgsqlConnection(location);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT holder FROM feed_leases WHERE feed_key = @k", connection);
            command.Parameters.AddWithValue("k", FeedId);
            return await command.ExecuteScalarAsync() as string;
        }
        var file = Path.Combine(location, "feed-leases.db");
        if (!File.Exists(file))
        {
            return null;
        }
        await using (var sqlite = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = "SELECT holder FROM feed_leases WHERE feed_key = $k";
            command.Parameters.AddWithValue("$k", FeedId);
            return await command.ExecuteScalarAsync() as string;
        }
    }

    private static async Task<long?> CurrentVersionAsync(string provider, string location)
    {
        await using var db = HubProcess.CreateContext(provider, location);
        return await db.Set<GtfsFeedState>().Where(s => s.FeedId == FeedId).Select(s => s.CurrentVersionId).FirstOrDefaultAsync();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Waited in vain for " + what());
            }
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Kestrel on 127.0.0.1 serving one zip at <c>/gtfs.zip</c>. While <see cref="Stall"/> is set it sends the headers
    /// and the first kilobyte, then nothing until the client goes away: a download that hangs mid-way.
    /// </summary>
    private sealed class StallingGtfsServer(WebApplication app, byte[] zip) : IAsyncDisposable
    {
        private int _stalled;
        private int _full;

        public volatile bool Stall = true;

        public Uri FeedUrl { get; private set; } = null!;

        public int StalledRequests => Volatile.Read(ref _stalled);

        public int FullResponses => Volatile.Read(ref _full);

        public static async Task<StallingGtfsServer> StartAsync(byte[] zip)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            var app = builder.Build();
            var server = new StallingGtfsServer(app, zip);
            app.MapGet("/gtfs.zip", server.HandleAsync);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.FeedUrl = new Uri(new Uri(address + "/"), "gtfs.zip");
            return server;
        }

        private async Task HandleAsync(HttpContext http)
        {
            http.Response.ContentType = "application/zip";
            http.Response.ContentLength = zip.Length;
            if (!Stall)
            {
                await http.Response.Body.WriteAsync(zip);
                Interlocked.Increment(ref _full);
                return;
            }
            await http.Response.Body.WriteAsync(zip.AsMemory(0, 1024));
            await http.Response.Body.FlushAsync();
            Interlocked.Increment(ref _stalled);
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the worker was killed
            }
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
