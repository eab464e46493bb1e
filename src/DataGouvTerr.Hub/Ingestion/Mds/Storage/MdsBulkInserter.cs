using System.Data.Common;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// Inserts rows with <c>INSERT … ON CONFLICT DO NOTHING</c> (same syntax on SQLite and PostgreSQL) so a repeat of a
/// stored item hits the unique key and is skipped instead of failing the batch; tells which rows were new.
/// Columns and parameter conversions come from the EF model (so it follows the entity configurations and the
/// SQLite WKB/bounding-box mapping of geometries). SQLite: one prepared statement reused per row; PostgreSQL: one
/// <see cref="DbBatch"/> round trip per chunk. Runs inside the caller's transaction.
/// </summary>
public static class MdsBulkInserter
{
    private const int PostgresChunk = 1000;

    public static async Task<bool[]> InsertIgnoringDuplicatesAsync<T>(HubDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var inserted = new bool[rows.Count];
        if (rows.Count == 0)
        {
            return inserted;
        }
        var plan = InsertPlan.For(db, typeof(T));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");

        // EF's type mappings create parameters from a command; this one only serves as their factory.
        await using var factory = connection.CreateCommand();
        if (db.IsPostgres)
        {
            for (var start = 0; start < rows.Count; start += PostgresChunk)
            {
                var end = Math.Min(rows.Count, start + PostgresChunk);
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                for (var i = start; i < end; i++)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = plan.Sql;
                    for (var c = 0; c < plan.Columns.Length; c++)
                    {
                        command.Parameters.Add(plan.Columns[c].Mapping.CreateParameter(
                            factory, "p" + c, plan.Columns[c].Read(rows[i]), plan.Columns[c].Nullable));
                    }
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync(ct);
                for (var i = start; i < end; i++)
                {
                    inserted[i] = batch.BatchCommands[i - start].RecordsAffected > 0;
                }
            }
            return inserted;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = plan.Sql;
        var parameters = new DbParameter[plan.Columns.Length];
        for (var c = 0; c < plan.Columns.Length; c++)
        {
            parameters[c] = plan.Columns[c].Mapping.CreateParameter(insert, "@p" + c, plan.Columns[c].Read(rows[0]), plan.Columns[c].Nullable);
            insert.Parameters.Add(parameters[c]);
        }
        insert.Prepare();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                for (var c = 0; c < plan.Columns.Length; c++)
                {
                    // The mapping converts exactly as EF would (WKB, Guid text...); the prepared parameter keeps its type.
                    parameters[c].Value = plan.Columns[c].Mapping.CreateParameter(factory, "p", plan.Columns[c].Read(rows[i]), plan.Columns[c].Nullable).Value;
                }
            }
            inserted[i] = await insert.ExecuteNonQueryAsync(ct) > 0;
        }
        return inserted;
    }

    /// <summary>The INSERT statement and the column readers of one entity type, built once per model and type.</summary>
    private sealed class InsertPlan
    {
        private static readonly Dictionary<(IModel, Type), InsertPlan> Cache = [];
        private static readonly Lock CacheLock = new();

        public required string Sql { get; init; }
        public required Column[] Columns { get; init; }

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

        private static InsertPlan Build(HubDbContext db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = new List<Column>();
            foreach (var property in entity.GetProperties())
            {
                if (property.ValueGenerated != ValueGenerated.Never && property.IsPrimaryKey())
                {
                    continue; // database-generated id
                }
                columns.Add(new Column(property, property.GetColumnName(table)!, ReaderFor(entity, property)));
            }
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            var names = string.Join(", ", columns.Select(c => sqlHelper.DelimitIdentifier(c.Name)));
            var values = string.Join(", ", columns.Select((_, i) => "@p" + i));
            return new InsertPlan
            {
                Sql = $"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING",
                Columns = columns.ToArray(),
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
        public string Name { get; } = name;
        public RelationalTypeMapping Mapping { get; } = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        public bool Nullable { get; } = property.IsNullable;

        public object? Read(object row) => read(row);
    }
}
