using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>Maps <see cref="MdsVehicleRecord"/>: one row per device.</summary>
public sealed class MdsVehicleRecordConfiguration : IEntityTypeConfiguration<MdsVehicleRecord>
{
    public void Configure(EntityTypeBuilder<MdsVehicleRecord> builder)
    {
        builder.ToTable("mds_vehicles");
        builder.HasIndex(v => v.DeviceId).IsUnique();
        builder.HasIndex(v => new { v.ProviderId, v.VehicleId });
        builder.Property(v => v.FeedId).HasMaxLength(100);
        builder.Property(v => v.VehicleId).HasMaxLength(255);
        builder.Property(v => v.VehicleType).HasMaxLength(32);
        builder.Property(v => v.PropulsionTypes).HasMaxLength(255);
        builder.Property(v => v.LastVehicleState).HasMaxLength(32);
    }
}

/// <summary>Maps <see cref="MdsEventRecord"/>, unique on <c>event_id</c>; (device, timestamp) indexed to find same-time collisions.</summary>
public sealed class MdsEventRecordConfiguration : IEntityTypeConfiguration<MdsEventRecord>
{
    public void Configure(EntityTypeBuilder<MdsEventRecord> builder)
    {
        builder.ToTable("mds_events");
        // Declared as a property so EF does not take NTS types for entities before GeometryColumns maps them.
        builder.Property(e => e.Location);
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => new { e.DeviceId, e.TimestampMs });
        builder.HasIndex(e => new { e.ProviderId, e.ReceivedAtMs });
        builder.HasIndex(e => e.TimestampMs);
        builder.Property(e => e.FeedId).HasMaxLength(100);
        builder.Property(e => e.VehicleState).HasMaxLength(32);
        builder.Property(e => e.EventTypes).HasMaxLength(1024);
        builder.Property(e => e.Source).HasMaxLength(8);
    }
}

/// <summary>Maps <see cref="MdsTelemetryRecord"/>, unique on <c>telemetry_id</c>; (device, timestamp) indexed to find same-time collisions.</summary>
public sealed class MdsTelemetryRecordConfiguration : IEntityTypeConfiguration<MdsTelemetryRecord>
{
    public void Configure(EntityTypeBuilder<MdsTelemetryRecord> builder)
    {
        builder.ToTable("mds_telemetry");
        builder.Property(t => t.Location);
        builder.HasIndex(t => t.TelemetryId).IsUnique();
        builder.HasIndex(t => new { t.DeviceId, t.TimestampMs });
        builder.HasIndex(t => new { t.ProviderId, t.ReceivedAtMs });
        builder.HasIndex(t => t.TimestampMs);
        builder.Property(t => t.FeedId).HasMaxLength(100);
        builder.Property(t => t.LocationType).HasMaxLength(16);
        builder.Property(t => t.Source).HasMaxLength(8);
    }
}

/// <summary>Maps <see cref="MdsTripRecord"/>, unique on trip id.</summary>
public sealed class MdsTripRecordConfiguration : IEntityTypeConfiguration<MdsTripRecord>
{
    public void Configure(EntityTypeBuilder<MdsTripRecord> builder)
    {
        builder.ToTable("mds_trips");
        builder.Property(t => t.StartLocation);
        builder.Property(t => t.EndLocation);
        builder.HasIndex(t => t.TripId).IsUnique();
        builder.HasIndex(t => new { t.ProviderId, t.ReceivedAtMs });
        builder.HasIndex(t => t.EndTimeMs);
        builder.Property(t => t.FeedId).HasMaxLength(100);
        builder.Property(t => t.TripType).HasMaxLength(64);
        builder.Property(t => t.ParkingCategory).HasMaxLength(16);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.Source).HasMaxLength(8);
    }
}

/// <summary>Maps <see cref="MdsRejectedItem"/>, the bounded quarantine of refused items.</summary>
public sealed class MdsRejectedItemConfiguration : IEntityTypeConfiguration<MdsRejectedItem>
{
    public void Configure(EntityTypeBuilder<MdsRejectedItem> builder)
    {
        builder.ToTable("mds_rejected_items");
        builder.HasIndex(r => new { r.ProviderId, r.Id });
        builder.HasIndex(r => new { r.ProviderId, r.ReceivedAtMs });
        builder.Property(r => r.FeedId).HasMaxLength(100);
        builder.Property(r => r.Endpoint).HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(32);
    }
}
