using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using DataGouvTerr.Hub.Tests.Ingestion.Mds;
using Npgsql;

namespace DataGouvTerr.Benchmarks.Audit;

/// <summary>
/// <c>audit</c> verb: what auditing costs a member's request, over real HTTP against the built hub in its own process.
/// Every <c>GET /contract</c> with a token is audited (the append, and since the transparency log its leaf, subtrees and
/// signed head, before the answer leaves); the baseline in the same run is <c>GET /health</c>, which is not. Prints
/// sequential p50/p95 and throughput with 4 concurrent clients, then the in-process cost of one ECDSA P-256 head
/// signature. Written against <c>IAuditTrail</c>'s HTTP face only, so the same file measures older builds too.
/// Options: --store sqlite|postgres|both (default both), --requests N (default 2000). PostgreSQL needs DGT_TEST_POSTGRES.
/// </summary>
internal static class AuditBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = Option(args, "--store", "both");
        var requests = int.Parse(Option(args, "--requests", "2000"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Audit benchmark: {requests} requests per kind, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var s in store == "both" ? new[] { "sqlite", "postgres" } : [store])
        {
            if (s == "postgres" && Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES") is null)
            {
                Console.WriteLine("postgres: skipped, DGT_TEST_POSTGRES is not set");
                continue;
            }
            await RunStoreAsync(s, requests);
        }
        SignCost();
        return 0;
    }

    private static async Task RunStoreAsync(string store, int requests)
    {
        var (location, database) = await FreshAsync(store);
        try
        {
            var storeArgs = HubProcess.StoreArgs(store, location);
            await HubProcess.RunVerbAsync(["migrate"], storeArgs);
            var token = await HubProcess.IssueTokenAsync("metropole-rouen", store, location);
            await using var hub = await HubProcess.StartAsync(storeArgs);
            using var member = new HttpClient { BaseAddress = hub.BaseAddress };
            member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var anonymous = new HttpClient { BaseAddress = hub.BaseAddress };
            await SequentialAsync(member, "/contract", 100);
            await SequentialAsync(anonymous, "/health", 100);

            var audited = await SequentialAsync(member, "/contract", requests);
            var health = await SequentialAsync(anonymous, "/health", requests);
            var auditedRate = await ConcurrentAsync(member, "/contract", requests, 4);
            var healthRate = await ConcurrentAsync(anonymous, "/health", requests, 4);
            Console.WriteLine($"{store,-8} GET /contract (audited): p50 {P(audited, 50):N2} ms, p95 {P(audited, 95):N2} ms; {auditedRate:N0} req/s with 4 clients");
            Console.WriteLine($"{store,-8} GET /health (baseline):  p50 {P(health, 50):N2} ms, p95 {P(health, 95):N2} ms; {healthRate:N0} req/s with 4 clients");
        }
        finally
        {
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES"));
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            else
            {
                Directory.Delete(location, recursive: true);
            }
        }
    }

    private static async Task<List<double>> SequentialAsync(HttpClient client, string path, int count)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    private static async Task<double> ConcurrentAsync(HttpClient client, string path, int count, int clients)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => SequentialAsync(client, path, count / clients)));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void SignCost()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var message = new byte[110];
        for (var i = 0; i < 200; i++)
        {
            key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        const int n = 5000;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            message[i % message.Length]++;
            key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        var sign = Stopwatch.GetElapsedTime(started).TotalMicroseconds / n;
        var signature = key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        var verify = Stopwatch.GetElapsedTime(started).TotalMicroseconds / n;
        Console.WriteLine($"ECDSA P-256 in process: sign {sign:N1} µs, verify {verify:N1} µs per head ({n} each)");
    }

    private static async Task<(string Location, string? Database)> FreshAsync(string store)
    {
        if (store != "postgres")
        {
            var dir = Path.Combine(Path.GetTempPath(), "dgt-audit-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            return (dir, null);
        }
        var baseConnection = Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES")!;
        var name = "audit_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(baseConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return (new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString, name);
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
