using System.Data.Common;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>Where feed leases live; each call is one short statement of its own (no caller transaction).</summary>
public interface IFeedLeaseStore
{
    /// <summary>Takes the lease when it is free or expired; returns the holder after the call (this one if taken, or null if unknown).</summary>
    Task<string?> TryTakeAsync(string key, string holder, TimeSpan lease, CancellationToken ct);

    /// <summary>Extends a lease this holder still has; false when it is no longer this holder's.</summary>
    Task<bool> RenewAsync(string key, string holder, TimeSpan lease, CancellationToken ct);

    Task ReleaseAsync(string key, string holder, CancellationToken ct);
}

/// <summary>One feed lease row (PostgreSQL: table <c>feed_leases</c> of the hub's store; SQLite: its own small file).</summary>
public sealed class FeedLeaseRecord
{
    public required string FeedKey { get; set; }
    public required string Holder { get; set; }
    public long TakenAtMs { get; set; }
    public long ExpiresAtMs { get; set; }
}

/// <summary>
/// The lease statements, the same on both stores but for the clock expression: one upsert that takes a free or
/// expired lease and returns the holder, one update that renews, one delete that releases. On SQLite the leases live
/// in <c>feed-leases.db</c> beside <c>hub.db</c>: SQLite has one writer per file, and a long GTFS load holding
/// <c>hub.db</c>'s write lock must not stop its own lease from being renewed.
/// </summary>
internal sealed class SqlFeedLeaseStore : IFeedLeaseStore
{
    private const string SqliteNowMs = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    private const string PostgresNowMs = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    private const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS feed_leases (
            feed_key TEXT NOT NULL PRIMARY KEY,
            holder TEXT NOT NULL,
            taken_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL)
        """;

    private readonly StoreOptions _store;
    private readonly string _now;
    private readonly string _sqliteConnection;
    private readonly Lazy<Task> _sqliteReady;

    public SqlFeedLeaseStore(IOptions<StoreOptions> store)
    {
        _store = store.Value;
        _now = _store.IsPostgres ? PostgresNowMs : SqliteNowMs;
        _sqliteConnection = $"Data Source={Path.GetFullPath(Path.Combine(_store.DataDirectory, "feed-leases.db"))};Pooling=True";
        _sqliteReady = new Lazy<Task>(CreateSqliteSchemaAsync);
    }

    public async Task<string?> TryTakeAsync(string key, string holder, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            $"INSERT INTO feed_leases (feed_key, holder, taken_at_ms, expires_at_ms) VALUES (@key, @holder, {_now}, {_now} + @lease) " +
            $"ON CONFLICT (feed_key) DO UPDATE SET holder = excluded.holder, taken_at_ms = excluded.taken_at_ms, expires_at_ms = excluded.expires_at_ms " +
            $"WHERE feed_leases.expires_at_ms < {_now} RETURNING holder",
            key, holder, lease);
        if (await command.ExecuteScalarAsync(ct) is string taken)
        {
            return taken;
        }
        await using var who = Command(connection, "SELECT holder FROM feed_leases WHERE feed_key = @key", key, null, null);
        return await who.ExecuteScalarAsync(ct) as string;
    }

    public async Task<bool> RenewAsync(string key, string holder, TimeSpan lease, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            $"UPDATE feed_leases SET expires_at_ms = {_now} + @lease WHERE feed_key = @key AND holder = @holder", key, holder, lease);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task ReleaseAsync(string key, string holder, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "DELETE FROM feed_leases WHERE feed_key = @key AND holder = @holder", key, holder, null);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection;
        if (_store.IsPostgres)
        {
            connection = new NpgsqlConnection(_store.ConnectionString);
        }
        else
        {
            await _sqliteReady.Value;
            connection = new SqliteConnection(_sqliteConnection);
        }
        await connection.OpenAsync(ct);
        if (!_store.IsPostgres)
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout=5000;";
            await pragmas.ExecuteNonQueryAsync(ct);
        }
        return connection;
    }

    private async Task CreateSqliteSchemaAsync()
    {
        Directory.CreateDirectory(_store.DataDirectory);
        await using var connection = new SqliteConnection(_sqliteConnection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; " + SqliteSchema;
        await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(DbConnection connection, string sql, string key, string? holder, TimeSpan? lease)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "key", key);
        if (holder is not null)
        {
            Add(command, "holder", holder);
        }
        if (lease is not null)
        {
            Add(command, "lease", (long)lease.Value.TotalMilliseconds);
        }
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
