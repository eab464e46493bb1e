using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency.Reports;

/// <summary>
/// One row of a provider's aggregated report (models/report.yaml, Agency <c>POST /reports</c>): trips and riders of a
/// special group, per geography and vehicle type, over a period. Aggregated counts, no personal data, so they are not
/// subject to the raw-data retention. A row sent again for the same period, group, geography and vehicle type
/// replaces the counts (a provider corrects its report by sending it again).
/// </summary>
public sealed class MdsReportRecord
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    public Guid ProviderId { get; set; }
    /// <summary><c>start_date</c>, ISO date (YYYY-MM-DD).</summary>
    public required string StartDate { get; set; }
    /// <summary><c>duration</c>, ISO 8601 duration (<c>P1M</c> for the monthly reports of the spec).</summary>
    public required string Duration { get; set; }
    public required string SpecialGroupType { get; set; }
    public Guid GeographyId { get; set; }
    public required string VehicleType { get; set; }
    /// <summary><c>trip_count</c>; -1 is the spec's "redacted" (a count too small to publish).</summary>
    public int TripCount { get; set; }
    /// <summary><c>rider_count</c>; -1 is the spec's "redacted".</summary>
    public int RiderCount { get; set; }
    public long ReceivedAtMs { get; set; }
}

/// <summary>Maps <see cref="MdsReportRecord"/>: one row per (provider, period, group, geography, vehicle type).</summary>
public sealed class MdsReportRecordConfiguration : IEntityTypeConfiguration<MdsReportRecord>
{
    public void Configure(EntityTypeBuilder<MdsReportRecord> builder)
    {
        builder.ToTable("mds_reports");
        builder.HasIndex(r => new { r.ProviderId, r.StartDate, r.Duration, r.SpecialGroupType, r.GeographyId, r.VehicleType }).IsUnique();
        builder.Property(r => r.FeedId).HasMaxLength(100);
        builder.Property(r => r.StartDate).HasMaxLength(10);
        builder.Property(r => r.Duration).HasMaxLength(32);
        builder.Property(r => r.SpecialGroupType).HasMaxLength(255);
        builder.Property(r => r.VehicleType).HasMaxLength(32);
    }
}
