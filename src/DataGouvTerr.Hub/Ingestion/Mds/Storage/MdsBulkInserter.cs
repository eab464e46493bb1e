using System.Data.Common;
using System.Globalization;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// Writes a batch of rows in set-based statements, skipping the ones whose unique key is already stored, and tells
/// which rows were new. A repeat of a stored item hits the table's unique index (<c>ON CONFLICT DO NOTHING</c>)
/// instead of failing the batch; the statement returns the keys it inserted, so a row is "new" exactly when its key
/// comes back. Repeats inside the batch are settled here first (the first occurrence wins), since one statement
/// cannot both insert a key and report a later copy of it. SQLite: one prepared multi-row
/// <c>INSERT … VALUES (…),(…) ON CONFLICT DO NOTHING RETURNING key</c> reused per chunk. PostgreSQL: binary COPY into
/// a session temp table, then one <c>INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING key</c>. Columns and value
/// conversions come from the EF model (SQLite WKB and bounding-box columns included). Runs inside the caller's
/// transaction.
/// </summary>
public static class MdsBulkInserter
{
    // Microsoft.Data.Sqlite binds each parameter by name on every execution and SQLite finds a name by a linear scan,
    // so binding costs rows² × columns²: a few dozen rows per statement amortise the statement step without that.
    private const int SqliteRowsPerStatement = 32;

    public static async Task<bool[]> InsertIgnoringDuplicatesAsync<T>(HubDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var inserted = new bool[rows.Count];
        if (rows.Count == 0)
        {
            return inserted;
        }
        var plan = InsertPlan.For(db, typeof(T));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");

        // Repeats inside the batch: only the first copy of a key is sent.
        var keys = new string[rows.Count];
        var firstOf = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        var unique = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            keys[i] = plan.KeyOf(rows[i]);
            if (firstOf.TryAdd(keys[i], i))
            {
                unique.Add(i);
            }
        }

        var returned = db.IsPostgres
            ? await CopyThenInsertAsync(db, plan, rows, unique, transaction, ct)
            : await InsertSqliteAsync(db, plan, rows, unique, transaction, ct);
        foreach (var key in returned)
        {
            if (firstOf.TryGetValue(key, out var i))
            {
                inserted[i] = true;
            }
        }
        return inserted;
    }

    private static async Task<List<string>> InsertSqliteAsync<T>(HubDbContext db, InsertPlan plan, IReadOnlyList<T> rows, List<int> unique,
        DbTransaction transaction, CancellationToken ct)
        where T : class
    {
        var connection = db.Database.GetDbConnection();
        var returned = new List<string>(unique.Count);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < unique.Count; start += SqliteRowsPerStatement)
            {
                var count = Math.Min(SqliteRowsPerStatement, unique.Count - start);
                DbCommand command;
                if (count == SqliteRowsPerStatement)
                {
                    command = full ??= plan.PrepareSqlite(connection, transaction, count);
                }
                else
                {
                    command = plan.PrepareSqlite(connection, transaction, count);
                }
                try
                {
                    plan.BindSqlite(command, rows, unique, start, count);
                    await ReadKeysAsync(command, plan, returned, ct);
                }
                finally
                {
                    if (!ReferenceEquals(command, full))
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
        return returned;
    }

    private static async Task<List<string>> CopyThenInsertAsync<T>(HubDbContext db, InsertPlan plan, IReadOnlyList<T> rows, List<int> unique,
        DbTransaction transaction, CancellationToken ct)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // A session temp table, emptied at each commit: created once per pooled connection (the pool's reset drops it).
        await using (var create = new NpgsqlCommand(plan.PostgresCreateStage, connection, (NpgsqlTransaction)transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        await using (var importer = await connection.BeginBinaryImportAsync(plan.PostgresCopy, ct))
        {
            foreach (var i in unique)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in plan.Columns)
                {
                    var value = column.Read(rows[i]);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(value, column.PostgresType, ct);
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
        var returned = new List<string>(unique.Count);
        await using var insert = new NpgsqlCommand(plan.PostgresInsert, connection, (NpgsqlTransaction)transaction);
        await ReadKeysAsync(insert, plan, returned, ct);
        return returned;
    }

    private static async Task ReadKeysAsync(DbCommand command, InsertPlan plan, List<string> returned, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var parts = new object?[plan.KeyColumns.Length];
        while (await reader.ReadAsync(ct))
        {
            for (var k = 0; k < parts.Length; k++)
            {
                parts[k] = reader.IsDBNull(k) ? null : reader.GetValue(k);
            }
            returned.Add(plan.KeyOfStored(parts));
        }
    }

    /// <summary>The statements and column readers of one entity type, built once per model and type.</summary>
    private sealed class InsertPlan
    {
        private static readonly Dictionary<(IModel, Type), InsertPlan> Cache = [];
        private static readonly Lock CacheLock = new();

        public required string Table { get; init; }
        public required string ColumnList { get; init; }
        public required Column[] Columns { get; init; }
        /// <summary>The unique index's properties: what "already stored" means for this type.</summary>
        public required IProperty[] KeyColumns { get; init; }
        public required string ReturningList { get; init; }
        public required string PostgresCreateStage { get; init; }
        public required string PostgresCopy { get; init; }
        public required string PostgresInsert { get; init; }

        public static InsertPlan For(HubDbContext db, Type type)
        {
            lock (CacheLock)
            {
                if (Cache.TryGetValue((db.Model, type), out var plan))
                {
                    return plan;
                }
                plan = Build(db, type);
                Cache[(db.Model, type)] = plan;
                return plan;
            }
        }

        /// <summary>The unique key of a row as text (Guid as 32 hex digits, numbers invariant), from its CLR values.</summary>
        public string KeyOf(object row)
        {
            var parts = new object?[KeyColumns.Length];
            for (var k = 0; k < KeyColumns.Length; k++)
            {
                parts[k] = KeyColumns[k].GetGetter().GetClrValueUsingContainingEntity(row);
            }
            return KeyOfStored(parts);
        }

        /// <summary>The same text from values read back (SQLite returns a Guid as its text, PostgreSQL as a Guid).</summary>
        public string KeyOfStored(object?[] parts)
        {
            var text = new string[parts.Length];
            for (var k = 0; k < parts.Length; k++)
            {
                var clr = Nullable.GetUnderlyingType(KeyColumns[k].ClrType) ?? KeyColumns[k].ClrType;
                text[k] = parts[k] switch
                {
                    null => "\0",
                    Guid g => g.ToString("N"),
                    string s when clr == typeof(Guid) => Guid.Parse(s).ToString("N"),
                    byte[] b when clr == typeof(Guid) => new Guid(b).ToString("N"),
                    string s => s,
                    IConvertible c => c.ToString(CultureInfo.InvariantCulture),
                    var other => other.ToString() ?? "",
                };
            }
            return string.Join('\u001f', text);
        }

        public DbCommand PrepareSqlite(DbConnection connection, DbTransaction transaction, int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new System.Text.StringBuilder();
            for (var r = 0; r < rows; r++)
            {
                values.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    values.Append(c == 0 ? "" : ", ").Append("@p").Append(r).Append('_').Append(c);
                    command.Parameters.Add(Columns[c].Mapping.CreateParameter(command, $"@p{r}_{c}", null, Columns[c].Nullable));
                }
                values.Append(')');
            }
            command.CommandText = $"INSERT INTO {Table} ({ColumnList}) VALUES {values} ON CONFLICT DO NOTHING RETURNING {ReturningList}";
            command.Prepare();
            return command;
        }

        public void BindSqlite<T>(DbCommand command, IReadOnlyList<T> rows, List<int> unique, int start, int count)
            where T : class
        {
            var p = 0;
            for (var r = 0; r < count; r++)
            {
                var row = rows[unique[start + r]];
                foreach (var column in Columns)
                {
                    // The model's converter gives the stored form (WKB for geometries); the parameter keeps its mapped type.
                    command.Parameters[p++].Value = column.ToProvider(column.Read(row)) ?? DBNull.Value;
                }
            }
        }

        private static InsertPlan Build(HubDbContext db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var tableId = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                if (property.ValueGenerated != ValueGenerated.Never && property.IsPrimaryKey())
                {
                    continue; // database-generated id
                }
                columns.Add(new Column(property, sql.DelimitIdentifier(property.GetColumnName(tableId)!), ReaderFor(entity, property)));
            }
            var key = entity.GetIndexes().FirstOrDefault(i => i.IsUnique)?.Properties.ToArray()
                ?? throw new InvalidOperationException($"{type.Name} has no unique index to tell a repeat from a new row.");
            var table = sql.DelimitIdentifier(tableId.Name, tableId.Schema);
            var stage = sql.DelimitIdentifier(tableId.Name + "_stage");
            var columnList = string.Join(", ", columns.Select(c => c.Name));
            var returning = string.Join(", ", key.Select(p => sql.DelimitIdentifier(p.GetColumnName(tableId)!)));
            return new InsertPlan
            {
                Table = table,
                ColumnList = columnList,
                Columns = columns.ToArray(),
                KeyColumns = key,
                ReturningList = returning,
                PostgresCreateStage = $"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DELETE ROWS AS SELECT {columnList} FROM {table} WITH NO DATA",
                PostgresCopy = $"COPY {stage} ({columnList}) FROM STDIN (FORMAT BINARY)",
                // The DELETE empties the stage in the same statement (both see the same snapshot), so a second batch
                // in one transaction starts clean; ON COMMIT DELETE ROWS covers the rest.
                PostgresInsert = $"WITH inserted AS (INSERT INTO {table} ({columnList}) SELECT {columnList} FROM {stage} ON CONFLICT DO NOTHING RETURNING {returning}), " +
                    $"emptied AS (DELETE FROM {stage}) SELECT * FROM inserted",
            };
        }

        private static Func<object, object?> ReaderFor(IEntityType entity, IProperty property)
        {
            if (!property.IsShadowProperty())
            {
                var getter = property.GetGetter();
                return getter.GetClrValueUsingContainingEntity;
            }
            // SQLite bounding-box shadow columns of a geometry: computed here as SaveChanges would.
            foreach (var geometry in GeometryColumns.GeometryProperties(entity))
            {
                var getter = geometry.GetGetter();
                foreach (var corner in new[] { GeometryColumns.MinX, GeometryColumns.MinY, GeometryColumns.MaxX, GeometryColumns.MaxY })
                {
                    if (property.Name == GeometryColumns.BoundingBoxColumn(geometry.Name, corner))
                    {
                        return row => getter.GetClrValueUsingContainingEntity(row) is Geometry { IsEmpty: false } g
                            ? Corner(g.EnvelopeInternal, corner)
                            : null;
                    }
                }
            }
            return _ => null;
        }

        private static object Corner(Envelope e, string corner) => corner switch
        {
            GeometryColumns.MinX => e.MinX,
            GeometryColumns.MinY => e.MinY,
            GeometryColumns.MaxX => e.MaxX,
            _ => corner == GeometryColumns.MaxY ? e.MaxY : throw new ArgumentOutOfRangeException(nameof(corner)),
        };
    }

    private sealed class Column(IProperty property, string name, Func<object, object?> read)
    {
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter =
            ((RelationalTypeMapping)property.GetRelationalTypeMapping()).Converter;

        /// <summary>The column name, already quoted for the provider.</summary>
        public string Name { get; } = name;
        public RelationalTypeMapping Mapping { get; } = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        public bool Nullable { get; } = property.IsNullable;
        /// <summary>Binary COPY needs the wire type of each value; these are the CLR types MDS rows use.</summary>
        public NpgsqlDbType PostgresType { get; } = PostgresTypeOf(System.Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType);

        public object? Read(object row) => read(row);

        public object? ToProvider(object? value) => value is null || _converter is null ? value : _converter.ConvertToProvider(value);

        private static NpgsqlDbType PostgresTypeOf(Type clr) =>
            clr == typeof(Guid) ? NpgsqlDbType.Uuid
            : clr == typeof(long) ? NpgsqlDbType.Bigint
            : clr == typeof(int) ? NpgsqlDbType.Integer
            : clr == typeof(double) ? NpgsqlDbType.Double
            : clr == typeof(bool) ? NpgsqlDbType.Boolean
            : clr == typeof(string) ? NpgsqlDbType.Text
            : typeof(Geometry).IsAssignableFrom(clr) ? NpgsqlDbType.Geometry
            : NpgsqlDbType.Unknown; // not used by MDS rows; COPY would refuse it loudly
    }
}
