using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Benchmarks.Gbfs;

/// <summary>
/// Writes benchmark snapshots through the hub's own <see cref="GbfsSnapshotStore"/> into a fresh SQLite file
/// (migrated like the hub's), one context and one transaction per snapshot, as a poll does.
/// </summary>
internal sealed class GbfsStoreBench : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dgt-gbfs-bench-").FullName;
    private readonly DbContextOptions<SqliteHubDbContext> _options;

    private GbfsStoreBench()
    {
        _options = new DbContextOptionsBuilder<SqliteHubDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "bench.db")}", o => o.MigrationsAssembly(typeof(HubDbContext).Assembly.FullName))
            .Options;
    }

    public static async Task<GbfsStoreBench> CreateAsync()
    {
        var bench = new GbfsStoreBench();
        await using var db = new SqliteHubDbContext(bench._options);
        await db.Database.MigrateAsync();
        return bench;
    }

    public async Task WriteAsync(GbfsSnapshot snapshot, GbfsAvailabilitySnapshot availability, byte[] statusBytes)
    {
        await using var db = new SqliteHubDbContext(_options);
        var store = new GbfsSnapshotStore(db, TimeProvider.System);
        var poll = await store.LoadAsync("bench", CancellationToken.None);
        poll.File(GbfsFiles.StationStatus, new Uri("https://bench.local/station_status.json"));
        var fetched = new Dictionary<string, (byte[] Content, GbfsCacheValidators Validators)>
        {
            [GbfsFiles.StationStatus] = (statusBytes, new GbfsCacheValidators(null, null)),
        };
        await store.SaveSnapshotAsync(poll, new GbfsSnapshotWrite(snapshot, availability, fetched, [GbfsFiles.StationStatus],
            snapshot.FetchedAt.ToUnixTimeSeconds().ToString(), [], [], 90), CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
