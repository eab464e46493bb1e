using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>Reads the stored Merkle tree of the audit log: perfect-subtree hashes for proofs and the signed head of any size.</summary>
public static class AuditTreeStore
{
    /// <summary>Level 0 is an entry's leaf hash; higher levels are <see cref="AuditTreeNode"/> rows.</summary>
    public static MerkleTree.NodeLookup Lookup(HubDbContext db, CancellationToken cancellationToken) => async (level, index) =>
    {
        var hex = level == 0
            ? await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Id == index + 1).Select(e => e.LeafHash).SingleOrDefaultAsync(cancellationToken)
            : await db.Set<AuditTreeNode>().AsNoTracking().Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).SingleOrDefaultAsync(cancellationToken);
        return hex is { Length: 64 } ? Convert.FromHexString(hex)
            : throw new AuditTreeDamagedException($"the stored tree has no hash for subtree (level {level}, index {index}).");
    };

    public static async Task<long> SizeAsync(HubDbContext db, CancellationToken cancellationToken) =>
        await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The head signed when entry <paramref name="treeSize"/> was appended, or null when there is no such entry.</summary>
    public static async Task<SignedTreeHead?> HeadAsync(HubDbContext db, long treeSize, CancellationToken cancellationToken)
    {
        var row = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Id == treeSize)
            .Select(e => new { e.Id, e.AtUnixMs, e.RootHash, e.HeadSignature }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToHead(row.Id, row.AtUnixMs, row.RootHash, row.HeadSignature);
    }

    public static SignedTreeHead ToHead(long id, long atUnixMs, string rootHex, string signature)
    {
        try
        {
            return new SignedTreeHead(id, atUnixMs, Convert.FromHexString(rootHex), System.Buffers.Text.Base64Url.DecodeFromChars(signature));
        }
        catch (FormatException)
        {
            // A mangled column is tampering, not a crash: an unverifiable head fails signature checks downstream.
            return new SignedTreeHead(id, atUnixMs, new byte[MerkleTree.HashSize], []);
        }
    }
}

/// <summary>The stored tree lacks a node it must have: the database was edited behind the hub's back.</summary>
public sealed class AuditTreeDamagedException(string message) : Exception(message);
