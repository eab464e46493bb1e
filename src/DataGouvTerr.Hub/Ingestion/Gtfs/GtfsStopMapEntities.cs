using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// One date on which a service of a loaded version runs: calendar.txt and calendar_dates.txt resolved at load with
/// gtfs_kit's rule (ServiceCalendar), so "which trips run on date D" is one indexed read.
/// </summary>
public sealed class GtfsServiceDateRecord
{
    public long VersionId { get; set; }
    public required string ServiceId { get; set; }
    public DateOnly Date { get; set; }
}

/// <summary>
/// One run of a frequency-based trip (frequencies.txt expanded at load by GtfsKit's FrequencyExpander): the trip's
/// stored stop_times shifted by <see cref="OffsetSeconds"/>. A trip with runs departs once per run, not once.
/// </summary>
public sealed class GtfsFrequencyRunRecord
{
    public long VersionId { get; set; }
    public required string TripId { get; set; }
    public int RunIndex { get; set; }
    public int OffsetSeconds { get; set; }
}

/// <summary>
/// A stop's departures on one date (the version's representative weekday, precomputed at load): what the stop map
/// shows, with the stop's name and location copied in so the common map query reads one spatially indexed table.
/// </summary>
public sealed class GtfsStopDayStatsRecord
{
    public long VersionId { get; set; }
    public required string StopId { get; set; }
    /// <summary>The date the numbers are for; null when the feed has no dated service (the numbers are then zero).</summary>
    public DateOnly? Date { get; set; }
    public string StopName { get; set; } = "";
    /// <summary>A WGS84 point, typed Geometry like <see cref="GtfsStopRecord.Location"/>.</summary>
    public Geometry? Location { get; set; }
    /// <summary>Short names (long name when empty) of the routes serving the stop that day, '|'-separated, sorted.</summary>
    public string Routes { get; set; } = "";
    public int NumRoutes { get; set; }
    /// <summary>gtfs_kit's num_trips: the stop times of the day's trips at the stop (each frequency run counted).</summary>
    public int NumTrips { get; set; }
    public double? MaxHeadwayMinutes { get; set; }
    public double? MinHeadwayMinutes { get; set; }
    public double? MeanHeadwayMinutes { get; set; }
    public int? StartSeconds { get; set; }
    public int? EndSeconds { get; set; }
    /// <summary>Departures per hour of the service day, comma-separated, 24 bins or more (25:10 counts in bin 25).</summary>
    public string HourlyDepartures { get; set; } = "";
}

/// <summary>Table of <see cref="GtfsServiceDateRecord"/>.</summary>
public sealed class GtfsServiceDateRecordConfiguration : IEntityTypeConfiguration<GtfsServiceDateRecord>
{
    public void Configure(EntityTypeBuilder<GtfsServiceDateRecord> builder)
    {
        builder.ToTable("gtfs_service_dates");
        builder.HasKey(d => new { d.VersionId, d.Date, d.ServiceId });
    }
}

/// <summary>Table of <see cref="GtfsFrequencyRunRecord"/>.</summary>
public sealed class GtfsFrequencyRunRecordConfiguration : IEntityTypeConfiguration<GtfsFrequencyRunRecord>
{
    public void Configure(EntityTypeBuilder<GtfsFrequencyRunRecord> builder)
    {
        builder.ToTable("gtfs_frequency_runs");
        builder.HasKey(r => new { r.VersionId, r.TripId, r.RunIndex });
    }
}

/// <summary>Table of <see cref="GtfsStopDayStatsRecord"/>; the point gets the store's spatial index.</summary>
public sealed class GtfsStopDayStatsRecordConfiguration : IEntityTypeConfiguration<GtfsStopDayStatsRecord>
{
    public void Configure(EntityTypeBuilder<GtfsStopDayStatsRecord> builder)
    {
        builder.ToTable("gtfs_stop_day_stats");
        builder.HasKey(s => new { s.VersionId, s.StopId });
        builder.Property(s => s.Location);
    }
}
