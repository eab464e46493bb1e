using System.Data.Common;
using DataGouvTerr.GtfsKit.Model;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// Writes a feed's stop_times straight to the store inside the caller's transaction: batched prepared inserts on
/// SQLite, binary COPY on PostgreSQL. The change tracker would need minutes and gigabytes for millions of rows.
/// </summary>
public static class GtfsBulkLoader
{
    public static async Task<int> LoadStopTimesAsync(HubDbContext db, long versionId, StopTimeTable stopTimes, int sqliteBatchRows, CancellationToken ct)
    {
        var (table, columns) = Names(db);
        return db.IsPostgres
            ? await CopyPostgresAsync(db, table, columns, versionId, stopTimes, ct)
            : await InsertSqliteAsync(db, table, columns, versionId, stopTimes, sqliteBatchRows, ct);
    }

    private static (string Table, string[] Columns) Names(HubDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(GtfsStopTimeRecord))!;
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(store)!;
        return (table,
        [
            Column(nameof(GtfsStopTimeRecord.VersionId)), Column(nameof(GtfsStopTimeRecord.TripId)), Column(nameof(GtfsStopTimeRecord.StopSequence)),
            Column(nameof(GtfsStopTimeRecord.StopId)), Column(nameof(GtfsStopTimeRecord.ArrivalSeconds)), Column(nameof(GtfsStopTimeRecord.DepartureSeconds)),
        ]);
    }

    private static int? Seconds(GtfsTime time) => time.IsMissing ? null : time.TotalSeconds;

    private static async Task<int> CopyPostgresAsync(HubDbContext db, string table, string[] columns, long versionId, StopTimeTable st, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, ct);
        for (var i = 0; i < st.Count; i++)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(versionId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(st.TripIds[st.TripIndex[i]], NpgsqlDbType.Text, ct);
            await importer.WriteAsync(st.StopSequence[i], NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(st.StopIds[st.StopIndex[i]], NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, Seconds(st.ArrivalTime[i]), ct);
            await WriteNullableAsync(importer, Seconds(st.DepartureTime[i]), ct);
        }
        await importer.CompleteAsync(ct);
        return st.Count;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, int? value, CancellationToken ct)
    {
        if (value is { } v)
        {
            await importer.WriteAsync(v, NpgsqlDbType.Integer, ct);
        }
        else
        {
            await importer.WriteNullAsync(ct);
        }
    }

    private static async Task<int> InsertSqliteAsync(HubDbContext db, string table, string[] columns, long versionId, StopTimeTable st, int batchRows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The bulk load must run inside the version's transaction.");
        // Multi-row VALUES amortise the statement step; 100 rows × 6 parameters stays under SQLite's parameter limit.
        const int RowsPerStatement = 100;
        var full = Prepare(connection, transaction, table, columns, RowsPerStatement);
        var written = 0;
        while (written + RowsPerStatement <= st.Count)
        {
            Bind(full, versionId, st, written, RowsPerStatement);
            await full.ExecuteNonQueryAsync(ct);
            written += RowsPerStatement;
            if (written % batchRows == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
        await full.DisposeAsync();
        if (written < st.Count)
        {
            await using var tail = Prepare(connection, transaction, table, columns, st.Count - written);
            Bind(tail, versionId, st, written, st.Count - written);
            await tail.ExecuteNonQueryAsync(ct);
        }
        return st.Count;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, string[] columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"$p{r}_{c}")) + ")");
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"$p{r}_{c}";
                command.Parameters.Add(p);
            }
        }
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, long versionId, StopTimeTable st, int start, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            var i = start + r;
            var b = r * 6;
            command.Parameters[b].Value = versionId;
            command.Parameters[b + 1].Value = st.TripIds[st.TripIndex[i]];
            command.Parameters[b + 2].Value = st.StopSequence[i];
            command.Parameters[b + 3].Value = st.StopIds[st.StopIndex[i]];
            command.Parameters[b + 4].Value = (object?)Seconds(st.ArrivalTime[i]) ?? DBNull.Value;
            command.Parameters[b + 5].Value = (object?)Seconds(st.DepartureTime[i]) ?? DBNull.Value;
        }
    }
}
