namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>Collects reading issues up to a cap so a file full of bad values cannot exhaust memory.</summary>
internal sealed class IssueSink(int maxIssues)
{
    private readonly List<GtfsReadIssue> _issues = [];

    public long DroppedCount { get; private set; }

    public void Add(GtfsReadIssue issue)
    {
        if (_issues.Count < maxIssues)
        {
            _issues.Add(issue);
        }
        else
        {
            DroppedCount++;
        }
    }

    public void Add(string code, GtfsIssueSeverity severity, string file, long row, string? field, string? value, string message) =>
        Add(new GtfsReadIssue(code, severity, file, row, field, value, message));

    public List<GtfsReadIssue> ToList()
    {
        if (DroppedCount > 0)
        {
            _issues.Add(new GtfsReadIssue(GtfsReadCodes.TooManyIssues, GtfsIssueSeverity.Warning, "", 0, null, null,
                $"{DroppedCount} further reading issues were counted but not kept (limit {maxIssues})."));
            DroppedCount = 0;
        }

        return _issues;
    }
}
