using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>Turns an issue of the GtfsKit reader into a validation notice (same code, severity and location).</summary>
public static class GtfsReadIssueNotice
{
    public static GtfsNotice From(GtfsReadIssue issue) => new(
        issue.Code,
        issue.Severity switch
        {
            GtfsIssueSeverity.Error => GtfsNoticeSeverity.Error,
            GtfsIssueSeverity.Warning => GtfsNoticeSeverity.Warning,
            _ => GtfsNoticeSeverity.Info,
        },
        // The reader uses row 0 for "the whole file"; a notice leaves the row out instead.
        new GtfsNoticeLocation(issue.FileName, issue.RowNumber > 0 ? issue.RowNumber : null, issue.FieldName, issue.Value),
        issue.Message);
}
