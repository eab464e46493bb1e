namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>Options of GTFS ingestion, bound from the <c>Gtfs</c> section.</summary>
public sealed class GtfsOptions
{
    public const string SectionName = "Gtfs";

    /// <summary>Folder that relative <c>file</c> sources are resolved against; defaults to the contract file's folder.</summary>
    public string? FileSourceRoot { get; set; }

    /// <summary>Versions kept per feed (the current one included); older loaded versions are deleted.</summary>
    public int KeepVersions { get; set; } = 3;

    /// <summary>Failed attempts in a row (fetch or load errors) after which the feed is marked failing.</summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>Rows per prepared-insert batch on SQLite.</summary>
    public int SqliteBatchRows { get; set; } = 50_000;

    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
