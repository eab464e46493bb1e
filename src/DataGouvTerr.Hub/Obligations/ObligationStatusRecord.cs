using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>The last judgement of one obligation of the contract, as members and the administrator read it.</summary>
public sealed class ObligationStatusRecord
{
    public required string ObligationId { get; set; }
    public required string MemberId { get; set; }
    public required string Kind { get; set; }
    /// <summary>compliant, breached, in_grace (not judged yet), not_evaluated (no probe for the kind yet) or probe_failed.</summary>
    public required string State { get; set; }
    public DateTimeOffset? BreachedSince { get; set; }
    public required string Detail { get; set; }
    public required DateTimeOffset CheckedAt { get; set; }
    /// <summary>Since when the obligation binds its member (the version that introduced it took effect); judged only after its grace period.</summary>
    public DateTimeOffset? InForceSince { get; set; }
    /// <summary>When the hub first observed the current breach: the sanction ladder climbs from here, step by step.</summary>
    public DateTimeOffset? ObservedSince { get; set; }
    /// <summary>Since when the obligation has been met again while sanctions remain; they are lifted after the recovery period.</summary>
    public DateTimeOffset? CompliantSince { get; set; }
}

internal sealed class ObligationStatusRecordConfiguration : IEntityTypeConfiguration<ObligationStatusRecord>
{
    public void Configure(EntityTypeBuilder<ObligationStatusRecord> builder)
    {
        builder.ToTable("obligation_status");
        builder.HasKey(x => x.ObligationId);
        builder.Property(x => x.ObligationId).HasMaxLength(100);
        builder.Property(x => x.MemberId).HasMaxLength(100);
        builder.HasIndex(x => x.MemberId);
    }
}
