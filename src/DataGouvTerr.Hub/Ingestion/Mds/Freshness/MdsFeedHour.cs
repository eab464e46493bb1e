using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>
/// Freshness and coverage of one MDS feed for one hour of event time: how many items arrived for that hour and how
/// late (receipt minus event time; trips by their end time). Kept after the raw rows are deleted by retention, so
/// obligations can be judged over the whole contract period. Lags are at minute resolution.
/// </summary>
public sealed class MdsFeedHour
{
    public long Id { get; set; }
    public required string FeedId { get; set; }
    /// <summary>Start of the UTC hour, ms since the epoch.</summary>
    public long HourStartMs { get; set; }
    public int EventCount { get; set; }
    public int TelemetryCount { get; set; }
    public int TripCount { get; set; }
    public int LagP50Minutes { get; set; }
    public int LagP95Minutes { get; set; }
    public int LagMaxMinutes { get; set; }
    /// <summary>Hub time (ms) the row was last computed; the next run recomputes hours touched by later arrivals.</summary>
    public long ComputedAtMs { get; set; }

    public int ItemCount => EventCount + TelemetryCount + TripCount;
}

/// <summary>Maps <see cref="MdsFeedHour"/>: one row per (feed, hour).</summary>
public sealed class MdsFeedHourConfiguration : IEntityTypeConfiguration<MdsFeedHour>
{
    public void Configure(EntityTypeBuilder<MdsFeedHour> builder)
    {
        builder.ToTable("mds_feed_hours");
        builder.HasIndex(h => new { h.FeedId, h.HourStartMs }).IsUnique();
        builder.HasIndex(h => new { h.FeedId, h.ComputedAtMs });
        builder.Property(h => h.FeedId).HasMaxLength(100);
        builder.Ignore(h => h.ItemCount);
    }
}
