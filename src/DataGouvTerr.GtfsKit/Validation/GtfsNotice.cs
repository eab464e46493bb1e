namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>How serious a notice is, in the MobilityData validator's three levels.</summary>
public enum GtfsNoticeSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Where a notice points. <see cref="Row"/> is the CSV row number as the MobilityData validator counts it
/// (the header is row 1, the first record row 2), so a report line can be found in a text editor.
/// </summary>
public sealed record GtfsNoticeLocation(string File, long? Row = null, string? Field = null, string? Value = null)
{
    public override string ToString() =>
        string.Join(" ", new[]
        {
            File,
            Row is null ? null : $"row {Row}",
            Field is null ? null : $"field {Field}",
            Value is null ? null : $"value '{Value}'",
        }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>
/// Bad data in a GTFS feed: a stable snake_case code (the MobilityData validator's code where the rule is the
/// same), a severity, a location and a sentence saying what is wrong.
/// </summary>
public sealed record GtfsNotice(string Code, GtfsNoticeSeverity Severity, GtfsNoticeLocation Location, string Message);
