namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>Settings of GBFS ingestion, bound from the configuration section <c>Gbfs</c>.</summary>
public sealed class GbfsOptions
{
    public const string SectionName = "Gbfs";

    /// <summary>How often the polling job wakes up; each file is then fetched only when due (ttl, contract schedule).</summary>
    public string TickCron { get; set; } = "* * * * *";

    /// <summary>Contract schedule used when a GBFS feed declares none.</summary>
    public TimeSpan DefaultScheduleInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Larger responses are refused with a notice: a runaway file must not exhaust the worker.</summary>
    public long MaxPayloadBytes { get; set; } = 50 * 1024 * 1024;

    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Width of the availability time bins.</summary>
    public TimeSpan TimeBin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Walking distance for the stations-near-stops product.</summary>
    public double WalkingDistanceMeters { get; set; } = 300;

    /// <summary>Folder that relative <c>file</c> sources are resolved against; by default the contract file's folder.</summary>
    public string? FileSourceRoot { get; set; }
}
