using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Publishing.Releases;

/// <summary>Maps <see cref="ProductRelease"/>: looked up by member, product and window on every product read.</summary>
public sealed class ProductReleaseConfiguration : IEntityTypeConfiguration<ProductRelease>
{
    public void Configure(EntityTypeBuilder<ProductRelease> builder)
    {
        builder.ToTable("product_releases");
        builder.HasIndex(r => r.ReleaseId).IsUnique();
        builder.HasIndex(r => new { r.MemberId, r.Product, r.WindowStartMs });
        builder.Property(r => r.ReleaseId).HasMaxLength(40);
        builder.Property(r => r.MemberId).HasMaxLength(100);
        builder.Property(r => r.Product).HasMaxLength(32);
        builder.Property(r => r.ContractVersion).HasMaxLength(64);
        builder.Property(r => r.RightFingerprint).HasMaxLength(64);
        builder.Property(r => r.RightDescription).HasMaxLength(1000);
    }
}

/// <summary>Maps <see cref="PrivacyLedgerEntry"/>: summed by window before every release, read by the administrator.</summary>
public sealed class PrivacyLedgerEntryConfiguration : IEntityTypeConfiguration<PrivacyLedgerEntry>
{
    public void Configure(EntityTypeBuilder<PrivacyLedgerEntry> builder)
    {
        builder.ToTable("privacy_ledger");
        builder.HasIndex(e => new { e.WindowStartMs, e.WindowEndMs });
        builder.HasIndex(e => new { e.MemberId, e.Product, e.WindowStartMs });
        builder.Property(e => e.MemberId).HasMaxLength(100);
        builder.Property(e => e.Product).HasMaxLength(32);
        builder.Property(e => e.RightFingerprint).HasMaxLength(64);
        builder.Property(e => e.ContractVersion).HasMaxLength(64);
        builder.Property(e => e.ReleaseId).HasMaxLength(40);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(1000);
    }
}
