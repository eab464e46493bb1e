using System.Diagnostics;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataGouvTerr.Benchmarks.Gtfs;

/// <summary>
/// gtfs-load: stop_times rows/s written by <see cref="GtfsBulkLoader"/> (SQLite batched prepared inserts, PostgreSQL
/// binary COPY) into a freshly migrated store, against a baseline in the same run: EF AddRange + SaveChanges of a
/// 100k-row slice. Usage: gtfs-load [--stop-times N] [--store sqlite|postgres|both] [--baseline-rows N];
/// PostgreSQL from DGT_TEST_POSTGRES.
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stopTimes = long.Parse(Option(args, "--stop-times") ?? "1000000");
        var store = Option(args, "--store") ?? "both";
        var baselineRows = int.Parse(Option(args, "--baseline-rows") ?? "100000");
        var folder = Path.Combine(Path.GetTempPath(), $"dgt-gtfs-load-{stopTimes}");
        if (!File.Exists(Path.Combine(folder, "stop_times.txt")))
        {
            SyntheticGtfsFeed.Write(folder, stopTimes);
        }
        var feed = GtfsFeed.Read(folder);
        Console.WriteLine($"gtfs-load: synthetic feed of {feed.StopTimes.Count:N0} stop_times");

        if (store is "sqlite" or "both")
        {
            var file = Path.Combine(Path.GetTempPath(), $"dgt-gtfs-load-{Guid.NewGuid():N}.db");
            var options = new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await MeasureAsync("sqlite", () => new SqliteHubDbContext(options), feed, baselineRows);
            File.Delete(file);
        }
        if (store is "postgres" or "both")
        {
            var baseConnection = Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres";
            var name = $"gtfs_load_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(baseConnection, $"CREATE DATABASE {name}");
            var options = new DbContextOptionsBuilder<PostgresHubDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString, o => o.UseNetTopologySuite()).Options;
            try
            {
                await MeasureAsync("postgres", () => new PostgresHubDbContext(options), feed, baselineRows);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(baseConnection, $"DROP DATABASE {name} WITH (FORCE)");
            }
        }
        return 0;
    }

    private static async Task MeasureAsync(string store, Func<HubDbContext> create, GtfsFeed feed, int baselineRows)
    {
        await using (var db = create())
        {
            await db.Database.MigrateAsync();
        }

        // Baseline first: EF change tracker, one SaveChanges for the slice, in a version of its own.
        var slice = Math.Min(baselineRows, feed.StopTimes.Count);
        double baseline;
        await using (var db = create())
        {
            await UseHubPragmasAsync(db);
            var st = feed.StopTimes;
            var watch = Stopwatch.StartNew();
            db.AddRange(Enumerable.Range(0, slice).Select(i => new GtfsStopTimeRecord
            {
                VersionId = 2,
                TripId = st.TripIds[st.TripIndex[i]],
                StopSequence = st.StopSequence[i],
                StopId = st.StopIds[st.StopIndex[i]],
                ArrivalSeconds = st.ArrivalTime[i].IsMissing ? null : st.ArrivalTime[i].TotalSeconds,
                DepartureSeconds = st.DepartureTime[i].IsMissing ? null : st.DepartureTime[i].TotalSeconds,
            }));
            await db.SaveChangesAsync();
            baseline = slice / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{store}: baseline EF AddRange+SaveChanges {slice:N0} rows in {watch.Elapsed.TotalSeconds:F2} s = {baseline:N0} rows/s");
        }

        await using (var db = create())
        {
            await UseHubPragmasAsync(db);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var rows = await GtfsBulkLoader.LoadStopTimesAsync(db, 1, feed.StopTimes, CancellationToken.None);
            await transaction.CommitAsync();
            var rate = rows / watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{store}: bulk loader {rows:N0} rows in {watch.Elapsed.TotalSeconds:F2} s (commit included) = {rate:N0} rows/s "
                + $"({rate / baseline:F1}x baseline); this process's CPU {cpuSeconds:F2} s (the database server's is not counted)");
        }
    }

    /// <summary>SQLite: the hub's own connection settings (Infrastructure/Persistence/SqlitePragmas), WAL and synchronous=NORMAL.</summary>
    private static async Task UseHubPragmasAsync(HubDbContext db)
    {
        if (!db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
