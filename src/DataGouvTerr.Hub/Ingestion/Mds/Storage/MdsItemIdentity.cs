using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// Reads what the store already holds about a batch's items, by MDS identity: the body hash stored under each id
/// (to tell a repeat from a conflict), and the ids stored for the batch's devices around its instants (to find two
/// different items about one device at one instant). Runs inside the batch's transaction.
/// </summary>
public static class MdsItemIdentity
{
    /// <summary>The body hash stored under each of <paramref name="ids"/> that is stored.</summary>
    public static async Task<Dictionary<Guid, long>> StoredHashesAsync<TRow>(HubDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
        where TRow : class, IMdsItemRow
    {
        var found = new Dictionary<Guid, long>();
        if (ids.Count == 0)
        {
            return found;
        }
        var idProperty = IdPropertyOf<TRow>(db);
        foreach (var chunk in ids.Chunk(5000))
        {
            var rows = await db.Set<TRow>().AsNoTracking()
                .Where(r => chunk.Contains(EF.Property<Guid>(r, idProperty)))
                .Select(r => new { Id = EF.Property<Guid>(r, idProperty), Hash = EF.Property<long>(r, nameof(IMdsItemRow.BodyHash)) })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                found[row.Id] = row.Hash;
            }
        }
        return found;
    }

    /// <summary>
    /// The (device, instant) → ids already stored for these devices between the batch's first and last instant.
    /// One range per batch (not per device): batches are minutes of a fleet, and the (device, timestamp) index serves it.
    /// </summary>
    public static async Task<ILookup<(Guid Device, long Instant), Guid>> StoredAtInstantsAsync<TRow>(HubDbContext db,
        IReadOnlyCollection<Guid> devices, long fromMs, long toMs, CancellationToken ct)
        where TRow : class, IMdsItemRow
    {
        var idProperty = IdPropertyOf<TRow>(db);
        var rows = await db.Set<TRow>().AsNoTracking()
            .Where(r => devices.Contains(EF.Property<Guid>(r, "DeviceId"))
                && EF.Property<long>(r, "TimestampMs") >= fromMs && EF.Property<long>(r, "TimestampMs") <= toMs)
            .Select(r => new { Device = EF.Property<Guid>(r, "DeviceId"), Instant = EF.Property<long>(r, "TimestampMs"), Id = EF.Property<Guid>(r, idProperty) })
            .ToListAsync(ct);
        return rows.ToLookup(r => (r.Device, r.Instant), r => r.Id);
    }

    /// <summary>The property of the table's unique index: the MDS id.</summary>
    private static string IdPropertyOf<TRow>(HubDbContext db) =>
        db.Model.FindEntityType(typeof(TRow))!.GetIndexes().Single(i => i.IsUnique).Properties.Single().Name;
}
