using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// The registered vehicles a batch is about, read in one query and their last state written back in one statement
/// (PostgreSQL) or one prepared statement (SQLite), inside the batch's transaction. On PostgreSQL the rows are locked
/// (<c>FOR UPDATE</c>, in device order so two batches cannot deadlock): a concurrent batch for the same vehicles
/// waits and then judges its events against the state this one wrote, and its identical items meet already
/// committed keys instead of racing on them. SQLite's write transaction is already exclusive.
/// </summary>
public static class MdsVehicleStates
{
    public static async Task<Dictionary<Guid, MdsVehicleRecord>> LoadAsync(HubDbContext db, IReadOnlyCollection<Guid> deviceIds, CancellationToken ct)
    {
        if (deviceIds.Count == 0)
        {
            return [];
        }
        if (!db.IsPostgres)
        {
            return await db.Set<MdsVehicleRecord>().AsNoTracking().Where(v => deviceIds.Contains(v.DeviceId)).ToDictionaryAsync(v => v.DeviceId, ct);
        }
        var names = Names.Of(db);
        var ids = deviceIds.Order().ToArray();
        // Only model-derived identifiers are spliced in; the ids are a parameter.
        var sql = $"SELECT * FROM {names.Table} WHERE {names.DeviceId} = ANY(@ids) ORDER BY {names.DeviceId} FOR UPDATE";
        var rows = await db.Set<MdsVehicleRecord>()
            .FromSqlRaw(sql, new NpgsqlParameter("ids", ids))
            .AsNoTracking().ToListAsync(ct);
        return rows.ToDictionary(v => v.DeviceId);
    }

    /// <summary>
    /// A registered vehicle of one of the caller's provider ids, untracked, or null: another operator's vehicle is as
    /// unknown to the caller as a missing one.
    /// </summary>
    public static Task<MdsVehicleRecord?> FindOwnAsync(HubDbContext db, MdsPusher pusher, Guid deviceId, CancellationToken ct)
    {
        var providers = pusher.FeedsByProviderId.Keys.ToList();
        return db.Set<MdsVehicleRecord>().AsNoTracking()
            .FirstOrDefaultAsync(v => v.DeviceId == deviceId && providers.Contains(v.ProviderId), ct);
    }

    /// <summary>Writes <c>LastVehicleState</c> and <c>LastEventTimestampMs</c> of the given vehicles.</summary>
    public static async Task SaveAsync(HubDbContext db, IReadOnlyList<MdsVehicleRecord> changed, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }
        var names = Names.Of(db);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Vehicle states are written inside the batch's transaction.");
        if (db.IsPostgres)
        {
            await using var update = new NpgsqlCommand(
                $"UPDATE {names.Table} AS v SET {names.State} = u.state, {names.Timestamp} = u.ts " +
                $"FROM unnest(@ids, @states, @ts) AS u(id, state, ts) WHERE v.{names.DeviceId} = u.id",
                (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            update.Parameters.Add(new NpgsqlParameter("ids", changed.Select(v => v.DeviceId).ToArray()));
            update.Parameters.Add(new NpgsqlParameter("states", changed.Select(v => v.LastVehicleState).ToArray()));
            update.Parameters.Add(new NpgsqlParameter("ts", changed.Select(v => v.LastEventTimestampMs).ToArray()));
            await update.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE {names.Table} SET {names.State} = @state, {names.Timestamp} = @ts WHERE {names.DeviceId} = @id";
        var state = names.Parameter(command, nameof(MdsVehicleRecord.LastVehicleState), "@state");
        var ts = names.Parameter(command, nameof(MdsVehicleRecord.LastEventTimestampMs), "@ts");
        var id = names.Parameter(command, nameof(MdsVehicleRecord.DeviceId), "@id");
        command.Prepare();
        foreach (var vehicle in changed)
        {
            state.Value = (object?)vehicle.LastVehicleState ?? DBNull.Value;
            ts.Value = (object?)vehicle.LastEventTimestampMs ?? DBNull.Value;
            id.Value = names.IdToProvider(vehicle.DeviceId);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Quoted table and column names from the EF model, so they follow the entity configuration.</summary>
    private sealed record Names(string Table, string DeviceId, string State, string Timestamp, IEntityType Entity)
    {
        public static Names Of(HubDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(MdsVehicleRecord))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            return new Names(sql.DelimitIdentifier(table.Name, table.Schema), Column(nameof(MdsVehicleRecord.DeviceId)),
                Column(nameof(MdsVehicleRecord.LastVehicleState)), Column(nameof(MdsVehicleRecord.LastEventTimestampMs)), entity);
        }

        public System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string property, string name)
        {
            var p = PropertyOf(property);
            var parameter = ((RelationalTypeMapping)p.GetRelationalTypeMapping()).CreateParameter(command, name, null, p.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }

        public object IdToProvider(Guid id) =>
            ((RelationalTypeMapping)PropertyOf(nameof(MdsVehicleRecord.DeviceId)).GetRelationalTypeMapping()).Converter?.ConvertToProvider(id) ?? id;

        private IProperty PropertyOf(string property) => Entity.FindProperty(property)!;
    }
}
