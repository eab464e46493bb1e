using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Contracts;

/// <summary>One applied version of the contract, kept forever: the history the commons can be held to.</summary>
public sealed class ContractVersionRecord
{
    public long Id { get; set; }
    public required string Version { get; set; }
    public required DateOnly EffectiveDate { get; set; }
    /// <summary>The YAML exactly as applied; the contract is always re-read from it.</summary>
    public required string Yaml { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Where it came from (file path or "admin endpoint"), to resolve relative geometry files.</summary>
    public required string Source { get; set; }
    public required DateTimeOffset AppliedAt { get; set; }
    public required string AppliedBy { get; set; }
}

internal sealed class ContractVersionRecordConfiguration : IEntityTypeConfiguration<ContractVersionRecord>
{
    public void Configure(EntityTypeBuilder<ContractVersionRecord> builder)
    {
        builder.ToTable("contract_versions");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.Version).IsUnique();
        builder.Property(x => x.Version).HasMaxLength(64);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.Property(x => x.AppliedBy).HasMaxLength(200);
        builder.Property(x => x.Source).HasMaxLength(1000);
    }
}
