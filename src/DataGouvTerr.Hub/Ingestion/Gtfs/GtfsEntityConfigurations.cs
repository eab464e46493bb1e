using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>Table of <see cref="GtfsFeedState"/>, one row per GTFS feed.</summary>
public sealed class GtfsFeedStateConfiguration : IEntityTypeConfiguration<GtfsFeedState>
{
    public void Configure(EntityTypeBuilder<GtfsFeedState> builder)
    {
        builder.ToTable("gtfs_feeds");
        builder.HasKey(f => f.FeedId);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
    }
}

/// <summary>Table of <see cref="GtfsFeedVersion"/>.</summary>
public sealed class GtfsFeedVersionConfiguration : IEntityTypeConfiguration<GtfsFeedVersion>
{
    public void Configure(EntityTypeBuilder<GtfsFeedVersion> builder)
    {
        builder.ToTable("gtfs_feed_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.FeedId, v.Sha256 });
    }
}

/// <summary>Table of <see cref="GtfsStopRecord"/>; the point gets the store's spatial index.</summary>
public sealed class GtfsStopRecordConfiguration : IEntityTypeConfiguration<GtfsStopRecord>
{
    public void Configure(EntityTypeBuilder<GtfsStopRecord> builder)
    {
        builder.ToTable("gtfs_stops");
        builder.HasKey(s => new { s.VersionId, s.StopId });
        builder.Property(s => s.Location);
    }
}

/// <summary>Table of <see cref="GtfsRouteRecord"/>.</summary>
public sealed class GtfsRouteRecordConfiguration : IEntityTypeConfiguration<GtfsRouteRecord>
{
    public void Configure(EntityTypeBuilder<GtfsRouteRecord> builder)
    {
        builder.ToTable("gtfs_routes");
        builder.HasKey(r => new { r.VersionId, r.RouteId });
    }
}

/// <summary>Table of <see cref="GtfsTripRecord"/>.</summary>
public sealed class GtfsTripRecordConfiguration : IEntityTypeConfiguration<GtfsTripRecord>
{
    public void Configure(EntityTypeBuilder<GtfsTripRecord> builder)
    {
        builder.ToTable("gtfs_trips");
        builder.HasKey(t => new { t.VersionId, t.TripId });
    }
}

/// <summary>Table of <see cref="GtfsStopTimeRecord"/>, written by <see cref="GtfsBulkLoader"/> (not through the change tracker).</summary>
public sealed class GtfsStopTimeRecordConfiguration : IEntityTypeConfiguration<GtfsStopTimeRecord>
{
    public void Configure(EntityTypeBuilder<GtfsStopTimeRecord> builder)
    {
        builder.ToTable("gtfs_stop_times");
        builder.HasKey(t => new { t.VersionId, t.TripId, t.StopSequence });
        builder.HasIndex(t => new { t.VersionId, t.StopId });
    }
}
