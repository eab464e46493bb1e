using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>Maps <see cref="FlowProductRow"/>: read by member, product, level (resolution and bin) and bin range.</summary>
public sealed class FlowProductRowConfiguration : IEntityTypeConfiguration<FlowProductRow>
{
    public void Configure(EntityTypeBuilder<FlowProductRow> builder)
    {
        builder.ToTable("flow_product_rows");
        builder.HasIndex(r => new { r.MemberId, r.Product, r.Resolution, r.TimeBinMinutes, r.BinStartMs });
        builder.HasIndex(r => new { r.MemberId, r.Product, r.WindowStartMs });
        builder.Property(r => r.MemberId).HasMaxLength(100);
        builder.Property(r => r.Product).HasMaxLength(32);
        builder.Property(r => r.Resolution).HasMaxLength(64);
        builder.Property(r => r.Kind).HasMaxLength(8);
        builder.Property(r => r.Operators).HasMaxLength(100);
        builder.Property(r => r.Origin).HasMaxLength(64);
        builder.Property(r => r.Destination).HasMaxLength(64);
    }
}

/// <summary>Maps <see cref="FlowProductRun"/>, one row per member, product, level and window.</summary>
public sealed class FlowProductRunConfiguration : IEntityTypeConfiguration<FlowProductRun>
{
    public void Configure(EntityTypeBuilder<FlowProductRun> builder)
    {
        builder.ToTable("flow_product_runs");
        builder.HasIndex(r => new { r.MemberId, r.Product, r.Resolution, r.TimeBinMinutes, r.WindowStartMs }).IsUnique();
        builder.Property(r => r.MemberId).HasMaxLength(100);
        builder.Property(r => r.Product).HasMaxLength(32);
        builder.Property(r => r.ContractVersion).HasMaxLength(64);
        builder.Property(r => r.Resolution).HasMaxLength(64);
        builder.Property(r => r.Scope).HasMaxLength(32);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.Property(r => r.DeliveredHash).HasMaxLength(64);
        builder.Property(r => r.ReleaseId).HasMaxLength(40);
        builder.HasIndex(r => new { r.MemberId, r.Product, r.WindowStartMs });
    }
}

/// <summary>Maps <see cref="FlowRefreshState"/> (a single row).</summary>
public sealed class FlowRefreshStateConfiguration : IEntityTypeConfiguration<FlowRefreshState>
{
    public void Configure(EntityTypeBuilder<FlowRefreshState> builder)
    {
        builder.ToTable("flow_refresh_state");
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
