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

    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts of one download within a job run when the server fails transiently (5xx, 408, 429, network).</summary>
    public int HttpAttempts { get; set; } = 3;

    /// <summary>Pause before the second attempt of a download; the n-th retry waits n times this.</summary>
    public TimeSpan HttpRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
