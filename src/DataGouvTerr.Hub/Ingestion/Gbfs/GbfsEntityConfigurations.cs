using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>Table of <see cref="GbfsFeedState"/>, one row per GBFS feed.</summary>
public sealed class GbfsFeedStateConfiguration : IEntityTypeConfiguration<GbfsFeedState>
{
    public void Configure(EntityTypeBuilder<GbfsFeedState> builder)
    {
        builder.ToTable("gbfs_feeds");
        builder.HasKey(f => f.FeedId);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
    }
}

/// <summary>Table of <see cref="GbfsFileState"/>, one row per file of a feed.</summary>
public sealed class GbfsFileStateConfiguration : IEntityTypeConfiguration<GbfsFileState>
{
    public void Configure(EntityTypeBuilder<GbfsFileState> builder)
    {
        builder.ToTable("gbfs_files");
        builder.HasKey(f => new { f.FeedId, f.FileName });
    }
}

/// <summary>Table of <see cref="GbfsStationRecord"/>; the point gets the store's spatial index.</summary>
public sealed class GbfsStationRecordConfiguration : IEntityTypeConfiguration<GbfsStationRecord>
{
    public void Configure(EntityTypeBuilder<GbfsStationRecord> builder)
    {
        builder.ToTable("gbfs_stations");
        builder.HasKey(s => new { s.FeedId, s.StationId });
        // Declared as a property so GeometryColumns maps it (WKB + bbox on SQLite) instead of EF taking it for an entity.
        builder.Property(s => s.Location);
    }
}

/// <summary>Table of <see cref="GbfsGeofencingZoneRecord"/>.</summary>
public sealed class GbfsGeofencingZoneRecordConfiguration : IEntityTypeConfiguration<GbfsGeofencingZoneRecord>
{
    public void Configure(EntityTypeBuilder<GbfsGeofencingZoneRecord> builder)
    {
        builder.ToTable("gbfs_geofencing_zones");
        builder.HasKey(z => z.Id);
        builder.HasIndex(z => z.FeedId);
        builder.Property(z => z.Area);
    }
}

/// <summary>Table of <see cref="GbfsStationAvailabilityRecord"/>, keyed by feed, station and bin.</summary>
public sealed class GbfsStationAvailabilityRecordConfiguration : IEntityTypeConfiguration<GbfsStationAvailabilityRecord>
{
    public void Configure(EntityTypeBuilder<GbfsStationAvailabilityRecord> builder)
    {
        builder.ToTable("gbfs_station_availability");
        builder.HasKey(a => new { a.FeedId, a.BinStart, a.StationId });
    }
}

/// <summary>Table of <see cref="GbfsZoneAvailabilityRecord"/>, keyed by feed, bin, zoning and zone.</summary>
public sealed class GbfsZoneAvailabilityRecordConfiguration : IEntityTypeConfiguration<GbfsZoneAvailabilityRecord>
{
    public void Configure(EntityTypeBuilder<GbfsZoneAvailabilityRecord> builder)
    {
        builder.ToTable("gbfs_zone_availability");
        builder.HasKey(a => new { a.FeedId, a.BinStart, a.ZoningId, a.ZoneCode });
        builder.HasIndex(a => new { a.ZoningId, a.BinStart });
    }
}

/// <summary>Table of <see cref="GbfsRawFileRecord"/>, purged past the feed's retention.</summary>
public sealed class GbfsRawFileRecordConfiguration : IEntityTypeConfiguration<GbfsRawFileRecord>
{
    public void Configure(EntityTypeBuilder<GbfsRawFileRecord> builder)
    {
        builder.ToTable("gbfs_raw_files");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.FeedId, r.FetchedAt });
    }
}

/// <summary>Table of <see cref="GbfsNoticeRecord"/>: the notices of each feed's last poll.</summary>
public sealed class GbfsNoticeRecordConfiguration : IEntityTypeConfiguration<GbfsNoticeRecord>
{
    public void Configure(EntityTypeBuilder<GbfsNoticeRecord> builder)
    {
        builder.ToTable("gbfs_notices");
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => n.FeedId);
    }
}

/// <summary>Table of <see cref="GbfsIncidentRecord"/>: feed health history.</summary>
public sealed class GbfsIncidentRecordConfiguration : IEntityTypeConfiguration<GbfsIncidentRecord>
{
    public void Configure(EntityTypeBuilder<GbfsIncidentRecord> builder)
    {
        builder.ToTable("gbfs_incidents");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => new { i.FeedId, i.StartedAt });
    }
}
