using System.Diagnostics;
using System.Net.Http.Headers;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Tests.Ingestion.Mds;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Benchmarks.Mds;

/// <summary>
/// <c>mds</c> verb: MDS Agency push throughput. Starts the built hub as a separate process on 127.0.0.1, registers a
/// fleet, then pushes batches of events from concurrent clients and reports events/s and p50/p99 batch latency,
/// next to a baseline in the same run: the same rows inserted by the same bulk inserter, one transaction per batch,
/// with no HTTP, JSON, validation, auth or audit. It also averages the hub's <c>Server-Timing</c> phases (read+parse,
/// check, vehicles, insert, state, commit, answer) and shows the rest of the client-side latency (HTTP, auth, audit
/// append, queueing), so the limiting phase is visible without a profiler. Options: --store sqlite|postgres|both (default both),
/// --events N (default 100000), --batch N (default 500), --clients N (default 4), --devices N (default 1000).
/// PostgreSQL needs DGT_TEST_POSTGRES.
/// </summary>
public static class MdsPushBenchmark
{
    private static readonly Guid ProviderId = Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b");

    public static async Task<int> RunAsync(string[] args)
    {
        var store = Option(args, "--store", "both");
        var events = int.Parse(Option(args, "--events", "100000"));
        var batch = int.Parse(Option(args, "--batch", "500"));
        var clients = int.Parse(Option(args, "--clients", "4"));
        var devices = int.Parse(Option(args, "--devices", "1000"));
        Console.WriteLine($"MDS push benchmark: {events} events, batches of {batch}, {clients} clients, {devices} devices, {Environment.ProcessorCount} cores");
        var stores = store == "both" ? new[] { "sqlite", "postgres" } : [store];
        foreach (var s in stores)
        {
            if (s == "postgres" && Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES") is null)
            {
                Console.WriteLine("postgres: skipped, DGT_TEST_POSTGRES is not set");
                continue;
            }
            var http = await HttpRunAsync(s, events, batch, clients, devices);
            var raw = await RawRunAsync(s, events, batch, devices);
            Console.WriteLine($"{s,-8} HTTP push : {http.EventsPerSecond,9:N0} events/s   batch p50 {http.P50Ms,7:N1} ms  p99 {http.P99Ms,7:N1} ms  ({http.Stored} stored in {http.Seconds:N1} s)");
            Console.WriteLine($"{s,-8} raw insert: {raw.EventsPerSecond,9:N0} events/s   batch p50 {raw.P50Ms,7:N1} ms  p99 {raw.P99Ms,7:N1} ms  ({raw.Stored} stored in {raw.Seconds:N1} s)");
            Console.WriteLine($"{s,-8} HTTP / raw: {http.EventsPerSecond / raw.EventsPerSecond:P0}");
            Console.WriteLine($"{s,-8} server phases, mean ms per batch: {string.Join("  ", http.Phases.Select(p => $"{p.Key} {p.Value:N1}"))}" +
                $"  | outside the handler (HTTP, auth, audit, queueing) {http.MeanMs - http.Phases.Values.Sum():N1}");
        }
        return 0;
    }

    private sealed record Result(double EventsPerSecond, double P50Ms, double P99Ms, long Stored, double Seconds)
    {
        public double MeanMs { get; init; }
        public IReadOnlyDictionary<string, double> Phases { get; init; } = new Dictionary<string, double>();
    }

    private static async Task<Result> HttpRunAsync(string store, int events, int batch, int clients, int devices)
    {
        await using var target = await FreshStoreAsync(store);
        var storeArgs = HubProcess.StoreArgs(store, target.Location);
        await HubProcess.RunVerbAsync(["migrate"], storeArgs);
        var token = await HubProcess.IssueTokenAsync("scoot-normandie", store, target.Location);
        await using var hub = await HubProcess.StartAsync(storeArgs);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.mds+json;version=2.0");

        var load = new MdsLoad(ProviderId, devices, DateTimeOffset.UtcNow.AddMinutes(-50).ToUnixTimeMilliseconds());
        for (var from = 0; from < devices; from += 1000)
        {
            var response = await client.PostAsync("/mds/agency/vehicles", Content(load.VehiclesBody(from, Math.Min(1000, devices - from))));
            response.EnsureSuccessStatusCode();
        }
        var cursor = 0;
        var bodies = new List<byte[]>();
        for (var sent = 0; sent < events; sent += batch)
        {
            bodies.Add(load.NextEvents(Math.Min(batch, events - sent), ref cursor).Body);
        }
        // Warm-up on a separate fleet slice would change the state machine; a few real batches warm JIT and pools instead.
        var latencies = new List<double>();
        var phases = new Dictionary<string, double>();
        long stored = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync("/mds/agency/events", Content(bodies[i]));
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"batch {i}: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
                }
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    AddPhases(phases, response);
                    latencies.Add(elapsed);
                    stored += bodies[i].Length > 0 ? CountItems(text) : 0;
                }
            }
        }));
        clock.Stop();
        return Summarise(latencies, stored, clock.Elapsed.TotalSeconds) with
        {
            MeanMs = latencies.Average(),
            Phases = phases.ToDictionary(p => p.Key, p => p.Value / latencies.Count),
        };
    }

    /// <summary>Sums the <c>Server-Timing</c> durations of one answer into the per-phase totals.</summary>
    private static void AddPhases(Dictionary<string, double> phases, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return;
        }
        foreach (var entry in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            var parts = entry.Split(";dur=");
            if (parts.Length == 2 && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var ms))
            {
                phases[parts[0]] = phases.GetValueOrDefault(parts[0]) + ms;
            }
        }
    }

    private static long CountItems(string bulkResponse)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(bulkResponse);
        return doc.RootElement.GetProperty("success").GetInt64();
    }

    private static async Task<Result> RawRunAsync(string store, int events, int batch, int devices)
    {
        await using var target = await FreshStoreAsync(store);
        await HubProcess.RunVerbAsync(["migrate"], HubProcess.StoreArgs(store, target.Location));
        var factory = GeometryFactoryFor4326();
        var random = new Random(7);
        var deviceIds = Enumerable.Range(0, devices).Select(i => MdsLoad.DeterministicGuid(42, i)).ToArray();
        var start = DateTimeOffset.UtcNow.AddMinutes(-50).ToUnixTimeMilliseconds();
        var latencies = new List<double>();
        long stored = 0;
        var clock = Stopwatch.StartNew();
        await using var db = target.CreateContext();
        var counter = 0;
        for (var sent = 0; sent < events; sent += batch)
        {
            var started = Stopwatch.GetTimestamp();
            var rows = new List<MdsEventRecord>(batch);
            for (var n = 0; n < Math.Min(batch, events - sent); n++, counter++)
            {
                var d = counter % devices;
                var k = counter / devices;
                rows.Add(new MdsEventRecord
                {
                    FeedId = "mds-scoot",
                    ProviderId = ProviderId,
                    DeviceId = deviceIds[d],
                    EventId = Guid.NewGuid(),
                    VehicleState = k % 2 == 0 ? "on_trip" : "available",
                    EventTypes = k % 2 == 0 ? "trip_start" : "trip_end",
                    TimestampMs = start + k * 1000L + d % 1000,
                    Location = factory.CreatePoint(new Coordinate(1.02 + random.NextDouble() * 0.16, 49.40 + random.NextDouble() * 0.08)),
                    TripIds = Guid.NewGuid().ToString("D"),
                    BatteryPercent = 50,
                    ReceivedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    Source = "push",
                });
            }
            if (!db.IsPostgres)
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL");
            }
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var inserted = await MdsBulkInserter.InsertIgnoringDuplicatesAsync(db, rows, CancellationToken.None);
                stored += inserted.Count(x => x);
                await tx.CommitAsync();
            }
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        clock.Stop();
        return Summarise(latencies, stored, clock.Elapsed.TotalSeconds);
    }

    private static GeometryFactory GeometryFactoryFor4326() => NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    private static Result Summarise(List<double> latencies, long stored, double seconds)
    {
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, Math.Floor(q * latencies.Count))];
        return new Result(stored / seconds, At(0.50), At(0.99), stored, seconds);
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.mds+json;version=2.0");
        return content;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>A fresh SQLite directory or PostGIS database, removed afterwards.</summary>
    private sealed class FreshStore : IAsyncDisposable
    {
        public required string Provider { get; init; }
        public required string Location { get; init; }
        public string? DatabaseName { get; init; }

        public HubDbContext CreateContext() => HubProcess.CreateContext(Provider, Location);

        public async ValueTask DisposeAsync()
        {
            if (DatabaseName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES"));
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            else if (Directory.Exists(Location))
            {
                Directory.Delete(Location, recursive: true);
            }
        }
    }

    private static async Task<FreshStore> FreshStoreAsync(string provider)
    {
        if (provider != "postgres")
        {
            var dir = Path.Combine(Path.GetTempPath(), "dgt-mds-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            return new FreshStore { Provider = "sqlite", Location = dir };
        }
        var baseConnection = Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES")!;
        var name = "mds_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(baseConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString;
        return new FreshStore { Provider = "postgres", Location = connection, DatabaseName = name };
    }
}
