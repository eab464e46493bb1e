namespace DataGouvTerr.Domain.Notices;

public enum NoticeSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// Bad data is a notice, not an exception: a stable code (e.g. <c>stale_last_updated</c>), a severity, where it
/// was found, and a sentence saying what is wrong. Shared by the contract loader, MDS and GBFS validation.
/// </summary>
public sealed record Notice(string Code, NoticeSeverity Severity, NoticeLocation Location, string Message);

/// <summary>Where a notice points: a file or URL, a path inside it (YAML/JSON path, row), a field and the offending value.</summary>
public sealed record NoticeLocation(string Source, string? Path = null, string? Field = null, string? Value = null)
{
    public override string ToString() =>
        string.Join(" ", new[] { Source, Path, Field is null ? null : $"field {Field}", Value is null ? null : $"value '{Value}'" }
            .Where(s => !string.IsNullOrEmpty(s)));
}
