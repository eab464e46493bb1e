using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Governance;

/// <summary>A proposed contract version: what it changes, who it affects, how it is voted, and what became of it.</summary>
public sealed class ProposalRecord
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public required string ProposedBy { get; set; }
    public required DateTimeOffset ProposedAt { get; set; }
    /// <summary>The version in force when it was proposed: the diff and the affected members are computed against it.</summary>
    public required string BaseVersion { get; set; }
    public required string Version { get; set; }
    public required DateOnly EffectiveDate { get; set; }
    public required string Yaml { get; set; }
    /// <summary>Kinds of change (zoning, data_use…), comma separated.</summary>
    public required string ChangeKinds { get; set; }
    /// <summary>Members whose rights, obligations or data use change, comma separated.</summary>
    public required string AffectedMembers { get; set; }
    /// <summary>Providers whose data would be used more widely (each holds a veto), comma separated.</summary>
    public required string AffectedProviders { get; set; }
    /// <summary>The diff as JSON lines: [{kind, fr, en}].</summary>
    public required string DiffJson { get; set; }
    public required DateTimeOffset ClosesAt { get; set; }
    /// <summary>open, adopted (waiting for its effective date), applied, rejected, expired.</summary>
    public required string State { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Why it was adopted, rejected or expired, per rule, in words.</summary>
    public string? Outcome { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
}

/// <summary>One member's vote on a proposal; changeable until the proposal closes (the last choice counts).</summary>
public sealed class VoteRecord
{
    public long Id { get; set; }
    public required long ProposalId { get; set; }
    public required string MemberId { get; set; }
    /// <summary>for, against or abstain.</summary>
    public required string Choice { get; set; }
    public string? Reason { get; set; }
    public required DateTimeOffset CastAt { get; set; }
}

/// <summary>A member contesting a sanction or a data-quality finding before the mediator.</summary>
public sealed class DisputeRecord
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public required string ObligationId { get; set; }
    /// <summary>The sanction contested, or null when the member contests the finding (the obligation's judgement) itself.</summary>
    public long? SanctionId { get; set; }
    public required string Statement { get; set; }
    public required DateTimeOffset OpenedAt { get; set; }
    public required DateTimeOffset DecideBy { get; set; }
    /// <summary>open, upheld, lifted, amended.</summary>
    public required string State { get; set; }
    public string? Decision { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>
/// Something the hub announces to a member (a sanction step, a proposal to vote on, an adoption, an emergency
/// suspension, a dispute decision), in French and English. <see cref="MemberId"/> "*" means every member.
/// </summary>
public sealed class GovernanceNoticeRecord
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public required DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public string? Subject { get; set; }
    public required string TextFr { get; set; }
    public required string TextEn { get; set; }
}

internal sealed class GovernanceRecordsConfiguration :
    IEntityTypeConfiguration<ProposalRecord>, IEntityTypeConfiguration<VoteRecord>,
    IEntityTypeConfiguration<DisputeRecord>, IEntityTypeConfiguration<GovernanceNoticeRecord>
{
    public void Configure(EntityTypeBuilder<ProposalRecord> builder)
    {
        builder.ToTable("governance_proposals");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.State);
        builder.Property(x => x.Version).HasMaxLength(64);
        builder.Property(x => x.State).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<VoteRecord> builder)
    {
        builder.ToTable("governance_votes");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.ProposalId, x.MemberId }).IsUnique();
        builder.Property(x => x.MemberId).HasMaxLength(100);
        builder.Property(x => x.Choice).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<DisputeRecord> builder)
    {
        builder.ToTable("governance_disputes");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.MemberId, x.ObligationId, x.State });
        builder.Property(x => x.State).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<GovernanceNoticeRecord> builder)
    {
        builder.ToTable("governance_notices");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => x.MemberId);
    }
}
