namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// What a validation found: counts by severity and by code (all notices counted), a sample of notices per code,
/// the records read per file, and the date expiry rules measured from.
/// </summary>
public sealed class ValidationReport
{
    public required string Feed { get; init; }

    public required DateTimeOffset ValidatedAt { get; init; }

    /// <summary>The date expiry rules counted from.</summary>
    public required DateOnly Today { get; init; }

    public required IReadOnlyList<NoticeCodeSummary> Summary { get; init; }

    /// <summary>Up to <see cref="GtfsValidationOptions.MaxSamplesPerCode"/> notices per code.</summary>
    public required IReadOnlyList<GtfsNotice> Notices { get; init; }

    /// <summary>Records read per file, in file name order.</summary>
    public required IReadOnlyDictionary<string, int> RowCounts { get; init; }

    /// <summary>Rules that crashed (they also appear as runtime_exception_in_validator_error notices).</summary>
    public required IReadOnlyList<string> FailedRules { get; init; }

    public long ErrorCount => CountOf(GtfsNoticeSeverity.Error);

    public long WarningCount => CountOf(GtfsNoticeSeverity.Warning);

    public long InfoCount => CountOf(GtfsNoticeSeverity.Info);

    public bool HasErrors => ErrorCount > 0;

    /// <summary>Total notices of a code, or 0.</summary>
    public long CountOf(string code) => Summary.FirstOrDefault(s => s.Code == code)?.Count ?? 0;

    public long CountOf(GtfsNoticeSeverity severity) => Summary.Where(s => s.Severity == severity).Sum(s => s.Count);
}
