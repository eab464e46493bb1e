using DataGouvTerr.Hub.Audit.Transparency;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>The outcome of checking the audit log: how many entries held, and the first one that does not, and why.</summary>
public sealed record AuditVerification(long EntriesChecked, long? FirstBrokenId, string? Reason, SignedTreeHead? LatestHead = null)
{
    public bool Intact => FirstBrokenId is null;
}

/// <summary>
/// Rebuilds the audit log's Merkle tree from the entries alone, in id order, and checks everything stored against it:
/// each entry's leaf hash (an edited entry), each stored subtree (a damaged tree that would serve false proofs), each
/// entry's root and the signature of its head with the log's key (a rewritten entry whose hashes were all recomputed,
/// a forged append: neither can be signed without the key), ids with no gap (a deleted entry), and finally the
/// checkpoint file kept outside the database (a log cut short). Reads in batches; memory stays O(log n).
/// </summary>
public sealed class AuditVerifier(HubDbContext db, TreeHeadSigner signer, AuditCheckpoint checkpoint)
{
    private const int BatchSize = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        SignedTreeHead? witnessed;
        try
        {
            witnessed = checkpoint.Read();
        }
        catch (InvalidDataException bad)
        {
            return new AuditVerification(0, 1, $"the checkpoint file is unreadable ({bad.Message}).");
        }
        if (witnessed is not null && !signer.Verify(witnessed))
        {
            return new AuditVerification(0, 1, $"the checkpoint file {checkpoint.FilePath} holds a head this log's key did not sign.");
        }

        var frontier = new MerkleFrontier();
        SignedTreeHead? latest = null;
        while (true)
        {
            var after = frontier.Size;
            var batch = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id)
                .Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            var lastInBatch = batch[^1].Id;
            var stored = (await db.Set<AuditTreeNode>().AsNoTracking().Where(n => n.EntryId > after && n.EntryId <= lastInBatch)
                .ToListAsync(cancellationToken)).ToLookup(n => n.EntryId);
            foreach (var entry in batch)
            {
                var broken = Check(entry, frontier, stored[entry.Id].ToList(), witnessed, ref latest);
                if (broken is not null)
                {
                    return new AuditVerification(frontier.Size, entry.Id, broken, latest);
                }
            }
        }

        var size = frontier.Size;
        var strayNodes = await db.Set<AuditTreeNode>().AsNoTracking().CountAsync(n => n.EntryId > size, cancellationToken);
        if (strayNodes > 0)
        {
            return new AuditVerification(size, size + 1, $"{strayNodes} stored subtree(s) claim entries after the last one ({size}): they were forged.", latest);
        }
        if (witnessed is not null && witnessed.TreeSize > size)
        {
            return new AuditVerification(size, size + 1,
                $"the log was truncated: it holds {size} entries but the hub signed a head of size {witnessed.TreeSize} "
                + $"at {DateTimeOffset.FromUnixTimeMilliseconds(witnessed.TimestampMs):O} (checkpoint {checkpoint.FilePath}).", latest);
        }
        return new AuditVerification(size, null, null, latest);
    }

    private string? Check(AuditEntry entry, MerkleFrontier frontier, List<AuditTreeNode> storedNodes, SignedTreeHead? witnessed, ref SignedTreeHead? latest)
    {
        if (entry.Id != frontier.Size + 1)
        {
            return $"entry {frontier.Size + 1} is missing (the next entry is {entry.Id}).";
        }
        if (entry.AtUnixMs != entry.At.ToUnixTimeMilliseconds())
        {
            return "its at_unix_ms no longer matches its time: the entry was edited.";
        }
        var leaf = MerkleTree.HashLeaf(AuditLeaf.Encode(entry));
        if (!string.Equals(Convert.ToHexStringLower(leaf), entry.LeafHash, StringComparison.OrdinalIgnoreCase))
        {
            return "its content no longer matches its leaf hash: the entry was edited.";
        }
        var created = frontier.Append(leaf);
        var expected = created.Select(n => (n.Level, n.Index, Convert.ToHexStringLower(n.Hash))).Order().ToList();
        var found = storedNodes.Select(n => (n.Level, n.Index, n.Hash.ToLowerInvariant())).Order().ToList();
        if (!expected.SequenceEqual(found))
        {
            return "the stored subtrees completed by this entry do not match the tree rebuilt from the entries: the tree was edited.";
        }
        var root = frontier.Root();
        var head = AuditTreeStore.ToHead(entry.Id, entry.AtUnixMs, entry.RootHash, entry.HeadSignature);
        if (!root.AsSpan().SequenceEqual(head.RootHash))
        {
            return entry.Id == 1 ? "its root hash does not match its leaf: the entry was rewritten."
                : $"its root hash does not match the tree of entries 1..{entry.Id}: this entry or an earlier one was rewritten.";
        }
        if (!signer.Verify(head))
        {
            return "its tree head is not signed by this log's key: the entry was rewritten or forged in the database (hashes recomputed without the key).";
        }
        if (witnessed is not null && witnessed.TreeSize == entry.Id && !witnessed.RootHash.AsSpan().SequenceEqual(root))
        {
            return $"the tree of the first {entry.Id} entries differs from the head the hub signed at that size (checkpoint): the log was rewritten.";
        }
        latest = head;
        return null;
    }
}
