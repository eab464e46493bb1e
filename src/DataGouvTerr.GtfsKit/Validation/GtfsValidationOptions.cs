namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// Settings of one validation run. Expiry rules compare against <see cref="Today"/> when set, else the date of
/// <see cref="TimeProvider"/> in the feed's agency time zone, so tests and re-validations are reproducible.
/// </summary>
public sealed record GtfsValidationOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The date expiry rules count from; null means "today" by <see cref="TimeProvider"/>.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>Notices kept per code in the report (all are counted).</summary>
    public int MaxSamplesPerCode { get; init; } = 100;

    /// <summary>Zip safety: total uncompressed bytes read from an archive.</summary>
    public long MaxUncompressedBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Zip safety: uncompressed/compressed ratio above which an entry over 1 MiB is treated as a zip bomb.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>A stop further than this from a trip's shape raises stop_too_far_from_shape (validator: 100 m).</summary>
    public double StopTooFarFromShapeMeters { get; init; } = 100;

    /// <summary>Two distinct stops of the same name closer than this are reported as duplicate_stop.</summary>
    public double DuplicateStopMeters { get; init; } = 2;

    /// <summary>Consecutive stops of a trip closer than this are reported as stops_too_close.</summary>
    public double StopsTooCloseMeters { get; init; } = 10;

    /// <summary>A stop further than this from the median of all stops is reported as stop_far_from_others.</summary>
    public double StopFarFromOthersMeters { get; init; } = 300_000;

    /// <summary>Rules to run; null means <see cref="GtfsValidator.DefaultRules"/>.</summary>
    public IReadOnlyList<IGtfsRule>? Rules { get; init; }

    /// <summary>Receives a line per step (file read, rule run) for progress on large feeds.</summary>
    public IProgress<string>? Progress { get; init; }
}
