using System.Globalization;
using System.Text.Json;

namespace DataGouvTerr.GtfsKit.Validation.Report;

/// <summary>Reads back the JSON of <see cref="ValidationReportWriter"/>, so a stored report can be served again as HTML.</summary>
public static class ValidationReportReader
{
    public static ValidationReport ReadJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var summary = new List<NoticeCodeSummary>();
        var notices = new List<GtfsNotice>();
        foreach (var group in root.GetProperty("notices").EnumerateArray())
        {
            var code = group.GetProperty("code").GetString()!;
            var severity = ParseSeverity(group.GetProperty("severity").GetString());
            summary.Add(new NoticeCodeSummary(code, severity, group.GetProperty("totalNotices").GetInt64()));
            foreach (var n in group.GetProperty("sampleNotices").EnumerateArray())
            {
                var location = new GtfsNoticeLocation(
                    n.GetProperty("file").GetString()!,
                    n.TryGetProperty("row", out var row) ? row.GetInt64() : null,
                    n.TryGetProperty("field", out var field) ? field.GetString() : null,
                    n.TryGetProperty("value", out var value) ? value.GetString() : null);
                notices.Add(new GtfsNotice(code, severity, location, n.GetProperty("message").GetString()!));
            }
        }
        return new ValidationReport
        {
            Feed = root.GetProperty("feed").GetString()!,
            ValidatedAt = DateTimeOffset.Parse(root.GetProperty("validatedAt").GetString()!, CultureInfo.InvariantCulture),
            Today = DateOnly.ParseExact(root.GetProperty("today").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Summary = summary,
            Notices = notices,
            RowCounts = root.GetProperty("rowCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            FailedRules = root.GetProperty("failedRules").EnumerateArray().Select(e => e.GetString()!).ToList(),
        };
    }

    private static GtfsNoticeSeverity ParseSeverity(string? name) => name switch
    {
        "error" => GtfsNoticeSeverity.Error,
        "warning" => GtfsNoticeSeverity.Warning,
        _ => GtfsNoticeSeverity.Info,
    };
}
