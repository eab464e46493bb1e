using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Access;

/// <summary>
/// A sanction of the contract in effect or lifted: a warning, or the suspension of named products until the
/// member meets the obligation again. Written by the obligations evaluation; read on every data request.
/// </summary>
public sealed class SanctionRecord
{
    public long Id { get; set; }
    public required string MemberId { get; set; }
    public required string ObligationId { get; set; }
    /// <summary>notice, warning or suspend_rights.</summary>
    public required string Action { get; set; }
    /// <summary>Suspended products, comma separated (empty for a warning).</summary>
    public required string Products { get; set; }
    public required string Reason { get; set; }
    public required DateTimeOffset Since { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    /// <summary>End of a time-limited sanction (an emergency suspension); null for obligation sanctions, lifted by compliance.</summary>
    public DateTimeOffset? Until { get; set; }
}

internal sealed class SanctionRecordConfiguration : IEntityTypeConfiguration<SanctionRecord>
{
    public void Configure(EntityTypeBuilder<SanctionRecord> builder)
    {
        builder.ToTable("sanctions");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.MemberId, x.LiftedAt });
    }
}
