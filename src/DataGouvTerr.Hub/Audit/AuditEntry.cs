using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// One line of the append-only audit log: who (member, token) did what (endpoint, product, parameters), what the
/// contract decided, and how many rows left the hub. Entry <see cref="Id"/> n is leaf n−1 of the log's Merkle tree
/// (RFC 9162); the row also keeps the tree head signed when it was appended (size n, <see cref="RootHash"/>,
/// <see cref="AtUnixMs"/>, <see cref="HeadSignature"/>), so every entry is covered by a signature the database cannot forge.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3… with no gap: the entry's leaf index plus one, and the tree size its head signs.</summary>
    public long Id { get; set; }
    public required DateTimeOffset At { get; set; }
    /// <summary>
    /// <see cref="At"/> as Unix milliseconds: what the leaf and the head sign, and what the from/to filters compare (SQLite
    /// stores DateTimeOffset as text and EF refuses to compare it there). <c>audit verify</c> checks both still agree.
    /// </summary>
    public long AtUnixMs { get; set; }
    public string? MemberId { get; set; }
    public string? TokenId { get; set; }
    /// <summary>"GET /flows/od" for HTTP, "outbox", "webhook", "cli" otherwise (escaped, see <see cref="AuditText"/>).</summary>
    public required string Endpoint { get; set; }
    public string? Product { get; set; }
    public string? Parameters { get; set; }
    public int? RowsReturned { get; set; }
    /// <summary>allowed, denied, unauthenticated, or another decision code.</summary>
    public required string Decision { get; set; }
    public string? Reason { get; set; }
    public int? StatusCode { get; set; }
    /// <summary>Feeds whose data the delivery was built from, comma separated, so providers can read who used their data.</summary>
    public string? SourceFeeds { get; set; }
    /// <summary>RFC 9162 leaf hash, hex: SHA-256(0x00 || <see cref="AuditLeaf.Encode"/>).</summary>
    public required string LeafHash { get; set; }
    /// <summary>Merkle root, hex, of the tree of the first <see cref="Id"/> entries.</summary>
    public required string RootHash { get; set; }
    /// <summary>Signature (base64url, ECDSA P-256 DER) of the head (Id, AtUnixMs, RootHash) with the key the database does not hold.</summary>
    public required string HeadSignature { get; set; }
}

/// <summary>
/// A perfect subtree of the audit log's Merkle tree (level ≥ 1; level 0 is <see cref="AuditEntry.LeafHash"/>), stored
/// when complete and never changed. Proofs read O(log n) of them instead of every leaf; <c>audit verify</c> checks each.
/// </summary>
public sealed class AuditTreeNode
{
    public int Level { get; set; }
    /// <summary>Position among the subtrees of its level: it covers leaves [Index·2^Level, (Index+1)·2^Level).</summary>
    public long Index { get; set; }
    public required string Hash { get; set; }
    /// <summary>The entry whose append completed this subtree (its last leaf), so verification reads nodes in entry order.</summary>
    public long EntryId { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasIndex(x => x.MemberId);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => x.AtUnixMs);
        builder.Property(x => x.LeafHash).HasMaxLength(64);
        builder.Property(x => x.RootHash).HasMaxLength(64);
        builder.Property(x => x.HeadSignature).HasMaxLength(200);
    }
}

internal sealed class AuditTreeNodeConfiguration : IEntityTypeConfiguration<AuditTreeNode>
{
    public void Configure(EntityTypeBuilder<AuditTreeNode> builder)
    {
        builder.ToTable("audit_tree_nodes");
        builder.HasKey(x => new { x.Level, x.Index });
        builder.HasIndex(x => x.EntryId);
        builder.Property(x => x.Hash).HasMaxLength(64);
    }
}
