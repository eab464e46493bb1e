using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>The outcome of walking the audit chain: how many entries held, and the first one that does not.</summary>
public sealed record AuditVerification(long EntriesChecked, long? FirstBrokenId, string? Reason)
{
    public bool Intact => FirstBrokenId is null;
}

/// <summary>
/// Walks the audit log in id order and recomputes every hash with <see cref="AuditHash"/>: an edited entry no longer
/// matches its own hash, a re-hashed one breaks the next entry's link, a deleted one leaves a gap in the ids. Reads in
/// batches so a long log never sits in memory. (Removing the newest entries leaves no trace in a chain alone; the
/// append-only triggers are what refuse that.)
/// </summary>
public sealed class AuditVerifier(HubDbContext db)
{
    private const int BatchSize = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        long checkedCount = 0;
        long lastId = 0;
        var previousHash = AuditHash.Genesis;
        while (true)
        {
            var after = lastId;
            var batch = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id)
                .Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new AuditVerification(checkedCount, null, null);
            }
            foreach (var entry in batch)
            {
                if (entry.Id != lastId + 1)
                {
                    return new AuditVerification(checkedCount, lastId + 1, $"entry {lastId + 1} is missing (the next entry is {entry.Id}).");
                }
                if (entry.PreviousHash != previousHash)
                {
                    return new AuditVerification(checkedCount, entry.Id,
                        lastId == 0 ? "the first entry does not start from the genesis hash."
                            : $"its previous_hash does not match the hash of entry {lastId}: an entry before it was rewritten.");
                }
                if (AuditHash.Compute(entry) != entry.Hash)
                {
                    return new AuditVerification(checkedCount, entry.Id, "its content no longer matches its hash: the entry was edited.");
                }
                if (entry.AtUnixMs != entry.At.ToUnixTimeMilliseconds())
                {
                    return new AuditVerification(checkedCount, entry.Id, "its at_unix_ms no longer matches its time: the entry was edited.");
                }
                checkedCount++;
                lastId = entry.Id;
                previousHash = entry.Hash;
            }
        }
    }
}
