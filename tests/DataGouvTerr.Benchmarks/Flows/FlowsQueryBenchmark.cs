using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Ingestion.Mds;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGouvTerr.Benchmarks.Flows;

/// <summary>
/// <c>flows-query</c> verb: latency of the product endpoints over real HTTP against the built hub run as a separate
/// process, on a store filled with a realistic materialised product — <c>--days</c> (default 30) of 1 h bins on the
/// 500 m grid: per bin 200 OD cells, 60 zone totals and a bin total for the métropole's OD flows, and 150 zone-bins
/// of availability for the scooter operator. Each request asks for one day (24 bins). The baseline, in the same
/// run and on the same store, is the endpoint's row query as raw SQL through ADO.NET (no HTTP, auth, audit,
/// serialisation). Prints p50/p95/p99 and the ratio of p95s. Options: --store sqlite|postgres|both (default both),
/// --days N, --requests N (default 200 per endpoint). PostgreSQL needs DGT_TEST_POSTGRES.
/// </summary>
internal static class FlowsQueryBenchmark
{
    private const int OdCellsPerBin = 200;
    private const int ZonesPerBin = 60;
    private const int AvailabilityZonesPerBin = 150;

    public static async Task<int> RunAsync(string[] args)
    {
        var store = Option(args, "--store", "both");
        var days = int.Parse(Option(args, "--days", "30"), CultureInfo.InvariantCulture);
        var requests = int.Parse(Option(args, "--requests", "200"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Flows query benchmark: {days} days of 1 h bins on grid-500m, {requests} requests per endpoint (one day each), {Environment.ProcessorCount} cores");
        foreach (var s in store == "both" ? new[] { "sqlite", "postgres" } : [store])
        {
            if (s == "postgres" && Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES") is null)
            {
                Console.WriteLine("postgres: skipped, DGT_TEST_POSTGRES is not set");
                continue;
            }
            await RunStoreAsync(s, days, requests);
        }
        return 0;
    }

    private static async Task RunStoreAsync(string store, int days, int requests)
    {
        await using var target = await FreshStore.CreateAsync(store);
        var storeArgs = HubProcess.StoreArgs(store, target.Location);
        await HubProcess.RunVerbAsync(["migrate"], storeArgs);
        // The month ends at yesterday's midnight UTC, so the one-day embargo of the OD right has passed for every bin.
        var lastDay = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        var firstDay = lastDay.AddDays(-days);
        var fill = Stopwatch.StartNew();
        var rows = await FillAsync(target, firstDay, days);
        Console.WriteLine($"{store,-8} filled {rows:N0} rows in {fill.Elapsed.TotalSeconds:N1} s");

        var metropole = await HubProcess.IssueTokenAsync("metropole-rouen", store, target.Location);
        var scoot = await HubProcess.IssueTokenAsync("scoot-normandie", store, target.Location);
        await using var hub = await HubProcess.StartAsync(storeArgs);
        using var client = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        var random = new Random(11);
        var endpoints = new (string Name, string Path, string Token, string Product, string Kind, string Resolution, int BinMinutes)[]
        {
            ("od-flows.csv", "/products/od-flows.csv", metropole, "od-flows", FlowRowKinds.Od, "grid-500m", 60),
            ("od-flows/zones.geojson", "/products/od-flows/zones.geojson", metropole, "od-flows", FlowRowKinds.Zone, "grid-500m", 60),
            ("availability.csv", "/products/availability.csv", scoot, "availability", FlowRowKinds.Availability, "grid-500m", 60),
        };
        await using var db = target.CreateContext();
        await db.Database.OpenConnectionAsync();
        foreach (var e in endpoints)
        {
            var member = e.Token == metropole ? "metropole-rouen" : "scoot-normandie";
            var dayOf = Enumerable.Range(0, requests + 20).Select(_ => firstDay.AddDays(random.Next(days))).ToList();
            var http = new List<double>();
            var raw = new List<double>();
            long bytes = 0;
            long rawRows = 0;
            for (var i = 0; i < dayOf.Count; i++)
            {
                var from = dayOf[i];
                var query = $"{e.Path}?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(from.AddDays(1).ToString("O", CultureInfo.InvariantCulture))}";
                using var request = new HttpRequestMessage(HttpMethod.Get, query);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", e.Token);
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{e.Name}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                }
                started = Stopwatch.GetTimestamp();
                var read = await RawQueryAsync(db.Database.GetDbConnection(), member, e.Product, e.Kind, e.Resolution, e.BinMinutes, from, from.AddDays(1));
                var rawElapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                // The first 20 of each warm JIT, pools and caches.
                if (i >= 20)
                {
                    http.Add(elapsed);
                    raw.Add(rawElapsed);
                    bytes += body.Length;
                    rawRows += read;
                }
            }
            var (h50, h95, h99) = Percentiles(http);
            var (r50, r95, r99) = Percentiles(raw);
            Console.WriteLine($"{store,-8} {e.Name,-24} HTTP p50 {h50,6:N1} ms  p95 {h95,6:N1} ms  p99 {h99,6:N1} ms  ({bytes / http.Count / 1024.0:N0} KiB, {rawRows / raw.Count:N0} rows per response)");
            Console.WriteLine($"{store,-8} {e.Name,-24} raw  p50 {r50,6:N1} ms  p95 {r95,6:N1} ms  p99 {r99,6:N1} ms   HTTP/raw p95 {h95 / r95:N1}x");
        }
    }

    /// <summary>The endpoint's row query, as raw SQL: same filter (the one kind the format writes), order and columns.</summary>
    private static async Task<long> RawQueryAsync(DbConnection connection, string member, string product, string kind, string resolution, int binMinutes, DateTimeOffset from, DateTimeOffset to)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "BinStartMs", "BinEndMs", "Operators",
                   "Origin", "Destination", "Count", "CountSuppressed", "Count2", "Count2Suppressed", "Count3", "Count3Suppressed", "Measure1", "Measure2"
            FROM flow_product_rows
            WHERE "MemberId" = @m AND "Product" = @p AND "Resolution" = @r AND "TimeBinMinutes" = @b
              AND "BinStartMs" >= @seek AND "BinStartMs" < @t AND "BinEndMs" > @f AND "BinEndMs" <= @t AND "Kind" = @k
            ORDER BY "BinStartMs", "Id"
            """;
        Add(command, "m", member);
        Add(command, "p", product);
        Add(command, "r", resolution);
        Add(command, "b", binMinutes);
        Add(command, "k", kind);
        Add(command, "seek", from.ToUnixTimeMilliseconds() - ((binMinutes + 60) * 60_000L));
        Add(command, "f", from.ToUnixTimeMilliseconds());
        Add(command, "t", to.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        long rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>One member's materialised OD product and another's availability, as the aggregation job would store them.</summary>
    private static async Task<long> FillAsync(FreshStore target, DateTimeOffset firstDay, int days)
    {
        var random = new Random(5);
        var codes = Enumerable.Range(0, AvailabilityZonesPerBin).Select(i => FormattableString.Invariant($"E{560000 + (i % 15 * 500)}N{6925000 + (i / 15 * 500)}")).ToArray();
        long total = 0;
        for (var d = 0; d < days; d++)
        {
            await using var db = target.CreateContext();
            var dayStart = firstDay.AddDays(d);
            var rows = new List<FlowProductRow>();
            for (var h = 0; h < 24; h++)
            {
                var bin = dayStart.AddHours(h);
                FlowProductRow Row(string member, string product, string kind, string operators) => new()
                {
                    MemberId = member,
                    Product = product,
                    Resolution = "grid-500m",
                    TimeBinMinutes = 60,
                    WindowStartMs = dayStart.ToUnixTimeMilliseconds(),
                    BinStartMs = bin.ToUnixTimeMilliseconds(),
                    BinEndMs = bin.AddHours(1).ToUnixTimeMilliseconds(),
                    Kind = kind,
                    Operators = operators,
                };
                for (var c = 0; c < OdCellsPerBin; c++)
                {
                    var row = Row("metropole-rouen", "od-flows", FlowRowKinds.Od, "all-operators");
                    row.Origin = codes[random.Next(ZonesPerBin)];
                    row.Destination = codes[random.Next(ZonesPerBin)];
                    var trips = random.Next(1, 60);
                    (row.Count, row.CountSuppressed) = trips < 10 ? ((int?)null, true) : (trips, false);
                    row.Measure1 = trips < 10 ? null : 600 + random.Next(600);
                    row.Measure2 = trips < 10 ? null : 1500 + random.Next(2000);
                    rows.Add(row);
                }
                for (var z = 0; z < ZonesPerBin; z++)
                {
                    var row = Row("metropole-rouen", "od-flows", FlowRowKinds.Zone, "all-operators");
                    row.Origin = codes[z];
                    (row.Count, row.Count2, row.Count3) = (random.Next(10, 200), random.Next(10, 200), random.Next(10, 50));
                    rows.Add(row);
                }
                var total1 = Row("metropole-rouen", "od-flows", FlowRowKinds.Total, "all-operators");
                total1.Count = random.Next(1000, 5000);
                rows.Add(total1);
                for (var z = 0; z < AvailabilityZonesPerBin; z++)
                {
                    var row = Row("scoot-normandie", "availability", FlowRowKinds.Availability, "all-operators");
                    row.Origin = codes[z];
                    var seen = random.Next(0, 30);
                    (row.Count, row.CountSuppressed, row.Measure1) = seen < 5 ? ((int?)null, true, (double?)null) : (seen, false, Math.Round(seen * 0.6, 1));
                    rows.Add(row);
                }
            }
            db.AddRange(rows);
            await db.SaveChangesAsync();
            total += rows.Count;
        }
        return total;
    }

    private static (double P50, double P95, double P99) Percentiles(List<double> values)
    {
        values.Sort();
        double At(double q) => values[(int)Math.Min(values.Count - 1, Math.Floor(q * values.Count))];
        return (At(0.50), At(0.95), At(0.99));
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>A fresh SQLite directory or PostGIS database for one run, removed afterwards.</summary>
    private sealed class FreshStore : IAsyncDisposable
    {
        public required string Provider { get; init; }
        public required string Location { get; init; }
        public string? DatabaseName { get; init; }

        public HubDbContext CreateContext() => HubProcess.CreateContext(Provider, Location);

        public static async Task<FreshStore> CreateAsync(string provider)
        {
            if (provider != "postgres")
            {
                var dir = Path.Combine(Path.GetTempPath(), "dgt-flows-query-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                return new FreshStore { Provider = "sqlite", Location = dir };
            }
            var baseConnection = Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES")!;
            var name = "flows_query_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var admin = new NpgsqlConnection(baseConnection))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            return new FreshStore { Provider = "postgres", Location = new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString, DatabaseName = name };
        }

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
}
