using System.Data.Common;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.GtfsKit.Model;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// Writes a feed version's large tables straight to the store inside the caller's transaction: binary COPY on
/// PostgreSQL, one prepared multi-row INSERT reused on SQLite. The change tracker would need minutes and gigabytes for
/// millions of rows. Each table is a <see cref="BulkRows{TEntity}"/> built from GtfsKit's columns (see
/// <see cref="StopTimes"/>, <see cref="Trips"/>, <see cref="Routes"/>); adding a table is one more such method and
/// one more <see cref="LoadAsync{TEntity}"/> call.
/// </summary>
public static class GtfsBulkLoader
{
    /// <summary>
    /// Rows per SQLite INSERT statement: multi-row VALUES amortise the statement step, but Microsoft.Data.Sqlite binds
    /// each parameter by name (sqlite3_bind_parameter_index scans the statement's names), so binding costs grow with
    /// the square of the parameters per statement: 100 rows (600 parameters) spent ~28 µs of CPU per row in Bind.
    /// A handful of rows keeps both costs small.
    /// </summary>
    private const int SqliteRowsPerStatement = 8;

    /// <summary>
    /// SQLite page cache (in KiB, as a negative cache_size) while loading: the table and its two indexes of a feed of
    /// millions of stop_times outgrow the 2 MiB default, and evicted index pages would be re-read for every insert.
    /// The connection's own value is restored afterwards.
    /// </summary>
    private const int SqliteLoadCacheKib = 64 * 1024;

    /// <summary>Loads the routes, trips and stop_times of a feed as rows of the version.</summary>
    public static async Task<long> LoadFeedAsync(HubDbContext db, long versionId, GtfsFeed feed, CancellationToken ct)
    {
        var rows = await LoadAsync(db, Routes(versionId, feed), ct);
        rows += await LoadAsync(db, Trips(versionId, feed), ct);
        rows += await LoadAsync(db, StopTimes(versionId, feed.StopTimes), ct);
        return rows;
    }

    public static Task<int> LoadStopTimesAsync(HubDbContext db, long versionId, StopTimeTable stopTimes, CancellationToken ct) =>
        LoadAsync(db, StopTimes(versionId, stopTimes), ct);

    /// <summary>stop_times as <see cref="GtfsStopTimeRecord"/> rows, read from the columns (ids from the intern pools).</summary>
    public static BulkRows<GtfsStopTimeRecord> StopTimes(long versionId, StopTimeTable st) => new BulkRows<GtfsStopTimeRecord>(st.Count)
        .Value(nameof(GtfsStopTimeRecord.VersionId), NpgsqlDbType.Bigint, _ => versionId)
        .Text(nameof(GtfsStopTimeRecord.TripId), i => st.TripIds[st.TripIndex[i]])
        .Value(nameof(GtfsStopTimeRecord.StopSequence), NpgsqlDbType.Integer, i => st.StopSequence[i])
        .Text(nameof(GtfsStopTimeRecord.StopId), i => st.StopIds[st.StopIndex[i]])
        .Nullable(nameof(GtfsStopTimeRecord.ArrivalSeconds), NpgsqlDbType.Integer, i => Seconds(st.ArrivalTime[i]))
        .Nullable(nameof(GtfsStopTimeRecord.DepartureSeconds), NpgsqlDbType.Integer, i => Seconds(st.DepartureTime[i]));

    /// <summary>trips.txt as <see cref="GtfsTripRecord"/> rows, first occurrence of each trip_id (the key of the table).</summary>
    public static BulkRows<GtfsTripRecord> Trips(long versionId, GtfsFeed feed)
    {
        var trips = DistinctBy(feed.Trips, t => t.TripId);
        return new BulkRows<GtfsTripRecord>(trips.Count)
            .Value(nameof(GtfsTripRecord.VersionId), NpgsqlDbType.Bigint, _ => versionId)
            .Text(nameof(GtfsTripRecord.TripId), i => trips[i].TripId)
            .Text(nameof(GtfsTripRecord.RouteId), i => trips[i].RouteId)
            .Text(nameof(GtfsTripRecord.ServiceId), i => trips[i].ServiceId)
            .Nullable(nameof(GtfsTripRecord.DirectionId), NpgsqlDbType.Integer, i => trips[i].DirectionId);
    }

    /// <summary>routes.txt as <see cref="GtfsRouteRecord"/> rows, first occurrence of each route_id; route_type 3 (bus) when missing.</summary>
    public static BulkRows<GtfsRouteRecord> Routes(long versionId, GtfsFeed feed)
    {
        var routes = DistinctBy(feed.Routes, r => r.RouteId);
        return new BulkRows<GtfsRouteRecord>(routes.Count)
            .Value(nameof(GtfsRouteRecord.VersionId), NpgsqlDbType.Bigint, _ => versionId)
            .Text(nameof(GtfsRouteRecord.RouteId), i => routes[i].RouteId)
            .Text(nameof(GtfsRouteRecord.ShortName), i => routes[i].RouteShortName)
            .Text(nameof(GtfsRouteRecord.LongName), i => routes[i].RouteLongName)
            .Value(nameof(GtfsRouteRecord.RouteType), NpgsqlDbType.Integer, i => routes[i].RouteType ?? 3);
    }

    /// <summary>Writes the rows in the caller's transaction (required on SQLite); returns the number of rows written.</summary>
    public static async Task<int> LoadAsync<TEntity>(HubDbContext db, BulkRows<TEntity> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var (table, columns) = Names(db, typeof(TEntity), rows.Columns);
        if (db.IsPostgres)
        {
            await CopyPostgresAsync(db, table, columns, rows.Columns, rows.Count, ct);
        }
        else
        {
            await InsertSqliteAsync(db, table, columns, rows.Columns, rows.Count, ct);
        }

        return rows.Count;
    }

    private static List<T> DistinctBy<T>(IReadOnlyList<T> records, Func<T, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. records.Where(r => seen.Add(key(r)))];
    }

    private static int? Seconds(GtfsTime time) => time.IsMissing ? null : time.TotalSeconds;

    /// <summary>The table and column names EF maps the entity to, so the SQL follows the model's naming on both providers.</summary>
    private static (string Table, string[] Columns) Names(HubDbContext db, Type entityType, IReadOnlyList<BulkColumn> columns)
    {
        var entity = db.Model.FindEntityType(entityType) ?? throw new InvalidOperationException($"{entityType.Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        return (table, [.. columns.Select(c => entity.FindProperty(c.Property)?.GetColumnName(store)
            ?? throw new InvalidOperationException($"{entityType.Name}.{c.Property} is not a mapped column."))]);
    }

    private static string ColumnList(string[] columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static async Task CopyPostgresAsync(HubDbContext db, string table, string[] names, IReadOnlyList<BulkColumn> columns, int count, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({ColumnList(names)}) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < count; i++)
        {
            // Synchronous writes: they only fill Npgsql's buffer and flush when it is full; an awaited call per field
            // cost more than the field itself.
            importer.StartRow();
            foreach (var column in columns)
            {
                column.Write(importer, i);
            }

            if ((i & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task InsertSqliteAsync(HubDbContext db, string table, string[] names, IReadOnlyList<BulkColumn> columns, int count, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk load must run inside the version's transaction.");
        var perStatement = Math.Min(SqliteRowsPerStatement, 32_766 / columns.Count);
        var previousCache = await ScalarAsync(connection, transaction, "PRAGMA cache_size", ct);
        await ExecuteAsync(connection, transaction, $"PRAGMA cache_size = -{SqliteLoadCacheKib}", ct);
        try
        {
            var written = 0;
            await using (var full = Prepare(connection, transaction, table, names, perStatement))
            {
                while (written + perStatement <= count)
                {
                    Bind(full, columns, written, perStatement);
                    await full.ExecuteNonQueryAsync(ct);
                    written += perStatement;
                }
            }

            if (written < count)
            {
                await using var tail = Prepare(connection, transaction, table, names, count - written);
                Bind(tail, columns, written, count - written);
                await tail.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await ExecuteAsync(connection, transaction, $"PRAGMA cache_size = {previousCache}", CancellationToken.None);
        }
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, string[] names, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", names.Select((_, c) => $"$p{r}_{c}")) + ")");
        command.CommandText = $"INSERT INTO \"{table}\" ({ColumnList(names)}) VALUES {string.Join(", ", values)}";
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < names.Length; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"$p{r}_{c}";
                command.Parameters.Add(p);
            }
        }

        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, IReadOnlyList<BulkColumn> columns, int start, int rows)
    {
        var parameters = command.Parameters;
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            foreach (var column in columns)
            {
                parameters[p++].Value = column.Parameter(start + r);
            }
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
