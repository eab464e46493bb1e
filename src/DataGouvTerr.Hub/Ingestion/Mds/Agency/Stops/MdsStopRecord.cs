using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency.Stops;

/// <summary>
/// A provider-declared stop (station, dock, corral) registered through Agency <c>POST /stops</c>, one row per
/// <c>stop_id</c>. The stop is kept whole as sent (<see cref="StopJson"/>, updated field by field by <c>PUT /stops</c>)
/// so <c>GET /stops</c> answers the model exactly; the columns beside it are what the hub queries (owner, place,
/// freshness). A stop is infrastructure, not personal data: it is not subject to the raw-data retention.
/// </summary>
public sealed class MdsStopRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid StopId { get; set; }
    public required string Name { get; set; }
    public required Point Location { get; set; }
    /// <summary><c>last_updated</c> of the latest version received (ms since the epoch).</summary>
    public long LastUpdatedMs { get; set; }
    public required string StopJson { get; set; }
    public long RegisteredAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
}

/// <summary>Maps <see cref="MdsStopRecord"/>: unique on <c>stop_id</c>, listed per provider.</summary>
public sealed class MdsStopRecordConfiguration : IEntityTypeConfiguration<MdsStopRecord>
{
    public void Configure(EntityTypeBuilder<MdsStopRecord> builder)
    {
        builder.ToTable("mds_stops");
        // Declared as a property so EF does not take NTS types for entities before GeometryColumns maps them.
        builder.Property(s => s.Location);
        builder.HasIndex(s => s.StopId).IsUnique();
        builder.HasIndex(s => new { s.ProviderId, s.Id });
        builder.Property(s => s.FeedId).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(255);
    }
}
