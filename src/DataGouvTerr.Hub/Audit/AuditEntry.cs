using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// One line of the append-only audit log: who (member, token) did what (endpoint, product, parameters),
/// what the contract decided, and how many rows left the hub. Each entry's hash covers the previous entry's
/// hash, so editing or deleting any entry breaks the chain from there on (<c>audit verify</c>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required DateTimeOffset At { get; set; }
    public string? MemberId { get; set; }
    public string? TokenId { get; set; }
    /// <summary>"GET /flows/od" for HTTP, "outbox", "webhook", "cli" otherwise.</summary>
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
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.MemberId);
        builder.HasIndex(x => x.At);
        builder.Property(x => x.Hash).HasMaxLength(64);
        builder.Property(x => x.PreviousHash).HasMaxLength(64);
    }
}
