using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Audit.Transparency;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>
/// What someone who can write the database (but does not hold the signing key) can do to the audit log: drop the
/// append-only triggers, then cut the tail, rewrite an entry and recompute every hash after it, or append a forged
/// entry with correct hashes and a replayed signature.
/// </summary>
internal static class AuditTamper
{
    public static Task<int> DropGuardsAsync(HubDbContext db) => db.Database.ExecuteSqlRawAsync(db.IsPostgres
        ? "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log; DROP TRIGGER IF EXISTS audit_tree_nodes_no_change ON audit_tree_nodes;"
        : "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; "
          + "DROP TRIGGER IF EXISTS audit_tree_nodes_no_update; DROP TRIGGER IF EXISTS audit_tree_nodes_no_delete;");

    public static async Task TruncateAsync(HubDbContext db, int newest)
    {
        await DropGuardsAsync(db);
        var size = await db.Set<AuditEntry>().MaxAsync(e => e.Id) - newest;
        await db.Set<AuditTreeNode>().Where(n => n.EntryId > size).ExecuteDeleteAsync();
        await db.Set<AuditEntry>().Where(e => e.Id > size).ExecuteDeleteAsync();
    }

    /// <summary>Gives entry <paramref name="id"/> to another member, then recomputes leaves, subtrees and roots from there on.</summary>
    public static async Task RewriteAndRehashAsync(HubDbContext db, long id, string member, TreeHeadSigner? key = null)
    {
        await DropGuardsAsync(db);
        var entries = await db.Set<AuditEntry>().OrderBy(e => e.Id).ToListAsync();
        entries.Single(e => e.Id == id).MemberId = member;
        var nodes = Rebuild(entries, key);
        await db.Set<AuditTreeNode>().ExecuteDeleteAsync();
        db.AddRange(nodes);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>Appends an entry whose hashes are all right, signed with the previous head's signature (the only ones at hand).</summary>
    public static async Task ForgeAppendAsync(HubDbContext db, string member, TreeHeadSigner? key = null)
    {
        await DropGuardsAsync(db);
        var entries = await db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var last = entries[^1];
        var forged = new AuditEntry
        {
            Id = last.Id + 1,
            At = last.At.AddMilliseconds(1),
            AtUnixMs = last.AtUnixMs + 1,
            MemberId = member,
            TokenId = last.TokenId,
            Endpoint = "GET /contract",
            Decision = "allowed",
            StatusCode = 200,
            LeafHash = "",
            RootHash = "",
            HeadSignature = last.HeadSignature,
        };
        entries.Add(forged);
        var nodes = Rebuild(entries, key);
        db.Add(forged);
        db.AddRange(nodes.Where(n => n.EntryId == forged.Id));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Sets every entry's leaf and root hash from its content, as the hub would, and returns the subtrees; with the key
    /// (an operator who holds it), re-signs every head too.
    /// </summary>
    private static List<AuditTreeNode> Rebuild(List<AuditEntry> entries, TreeHeadSigner? key)
    {
        var frontier = new MerkleFrontier();
        var nodes = new List<AuditTreeNode>();
        foreach (var entry in entries)
        {
            var leaf = MerkleTree.HashLeaf(AuditLeaf.Encode(entry));
            nodes.AddRange(frontier.Append(leaf).Select(n => new AuditTreeNode
            {
                Level = n.Level,
                Index = n.Index,
                Hash = Convert.ToHexStringLower(n.Hash),
                EntryId = entry.Id,
            }));
            entry.LeafHash = Convert.ToHexStringLower(leaf);
            entry.RootHash = Convert.ToHexStringLower(frontier.Root());
            if (key is not null)
            {
                entry.HeadSignature = System.Buffers.Text.Base64Url.EncodeToString(key.Sign(entry.Id, entry.AtUnixMs, frontier.Root()).Signature);
            }
        }
        return nodes;
    }
}
