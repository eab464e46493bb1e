using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Appends to the audit log with the hash chain intact under concurrency: one writer at a time per process
/// (semaphore) and per database (PostgreSQL advisory lock; SQLite's write transaction is already exclusive).
/// The entry id is assigned here, not by the database, because the hash covers it.
/// </summary>
internal sealed class AuditTrail(HubDbContext db, TimeProvider clock) : IAuditTrail
{
    private static readonly SemaphoreSlim Writer = new(1, 1);
    private const long ChainLockKey = 0x44475441554449; // "DGTAUDI"

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await Writer.WaitAsync(cancellationToken);
        // SQLite: queue with the other writers of this file (MDS batches) instead of polling the file lock.
        using var sqliteTurn = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.IsPostgres)
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
                }
                var last = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id)
                    .Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(cancellationToken);
                // Whole milliseconds: PostgreSQL keeps microseconds, not .NET ticks, so a finer instant would read
                // back different from what was hashed and the chain would look broken on every entry.
                var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
                var entry = new AuditEntry
                {
                    Id = (last?.Id ?? 0) + 1,
                    At = now,
                    AtUnixMs = now.ToUnixTimeMilliseconds(),
                    MemberId = record.MemberId,
                    TokenId = record.TokenId,
                    Endpoint = record.Endpoint,
                    Product = record.Product,
                    Parameters = record.Parameters,
                    RowsReturned = record.RowsReturned,
                    Decision = record.Decision,
                    Reason = record.Reason,
                    StatusCode = record.StatusCode,
                    SourceFeeds = record.SourceFeeds,
                    PreviousHash = last?.Hash ?? AuditHash.Genesis,
                    Hash = "",
                };
                entry.Hash = AuditHash.Compute(entry);
                db.Add(entry);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(entry).State = EntityState.Detached;
                await tx.CommitAsync(cancellationToken);
            });
        }
        finally
        {
            Writer.Release();
        }
    }
}
