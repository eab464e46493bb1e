using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DataGouvTerr.GtfsKit.Validation.Report;

/// <summary>
/// Writes a <see cref="ValidationReport"/> as JSON (stable field names and order, modelled on the MobilityData
/// validator's report.json: notices grouped by code with totalNotices and sampleNotices) and as one self-contained
/// HTML page (no script, no external resource) that a planner can open or a browser can be served.
/// </summary>
public static class ValidationReportWriter
{
    public static void WriteJson(ValidationReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("feed", report.Feed);
        json.WriteString("validatedAt", report.ValidatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("today", report.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteStartObject("summary");
        json.WriteNumber("errors", report.ErrorCount);
        json.WriteNumber("warnings", report.WarningCount);
        json.WriteNumber("infos", report.InfoCount);
        json.WriteEndObject();
        json.WriteStartObject("rowCounts");
        foreach (var (file, count) in report.RowCounts)
        {
            json.WriteNumber(file, count);
        }
        json.WriteEndObject();
        json.WriteStartArray("failedRules");
        foreach (var rule in report.FailedRules)
        {
            json.WriteStringValue(rule);
        }
        json.WriteEndArray();
        json.WriteStartArray("notices");
        foreach (var summary in report.Summary)
        {
            json.WriteStartObject();
            json.WriteString("code", summary.Code);
            json.WriteString("severity", SeverityName(summary.Severity));
            json.WriteNumber("totalNotices", summary.Count);
            json.WriteStartArray("sampleNotices");
            foreach (var notice in report.Notices.Where(n => n.Code == summary.Code))
            {
                json.WriteStartObject();
                json.WriteString("file", notice.Location.File);
                if (notice.Location.Row is { } row)
                {
                    json.WriteNumber("row", row);
                }
                if (notice.Location.Field is { } field)
                {
                    json.WriteString("field", field);
                }
                if (notice.Location.Value is { } value)
                {
                    json.WriteString("value", value);
                }
                json.WriteString("message", notice.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(ValidationReport report)
    {
        using var buffer = new MemoryStream();
        WriteJson(report, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteHtml(ValidationReport report, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(ToHtml(report));
    }

    public static string ToHtml(ValidationReport report)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>GTFS validation report – ").Append(E(Path.GetFileName(report.Feed))).Append("</title>\n<style>\n");
        html.Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}");
        html.Append("table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}");
        html.Append("th{background:#f3f3f3}.error{color:#b00020}.warning{color:#a15c00}.info{color:#005a9c}");
        html.Append(".badge{display:inline-block;padding:.5rem 1rem;margin-right:.5rem;border-radius:.3rem;background:#f3f3f3;font-size:1.2rem}");
        html.Append("details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}code{font-size:.95em}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>GTFS validation report</h1>\n<p>Feed <code>").Append(E(report.Feed)).Append("</code>, validated ")
            .Append(E(report.ValidatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(", expiry measured from ").Append(E(report.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append(".</p>\n");
        html.Append("<p><span class=\"badge error\">").Append(report.ErrorCount).Append(" errors</span>")
            .Append("<span class=\"badge warning\">").Append(report.WarningCount).Append(" warnings</span>")
            .Append("<span class=\"badge info\">").Append(report.InfoCount).Append(" infos</span></p>\n");
        if (report.FailedRules.Count > 0)
        {
            html.Append("<p class=\"error\">Rules that crashed (their checks are missing): ").Append(E(string.Join(", ", report.FailedRules))).Append("</p>\n");
        }

        html.Append("<h2>Summary</h2>\n<table>\n<tr><th>Code</th><th>Severity</th><th>Count</th></tr>\n");
        foreach (var s in report.Summary)
        {
            var severity = SeverityName(s.Severity);
            html.Append("<tr><td><a href=\"#").Append(E(s.Code)).Append("\"><code>").Append(E(s.Code)).Append("</code></a></td><td class=\"")
                .Append(severity).Append("\">").Append(severity).Append("</td><td>").Append(s.Count).Append("</td></tr>\n");
        }
        if (report.Summary.Count == 0)
        {
            html.Append("<tr><td colspan=\"3\">No notice: the feed passed every rule.</td></tr>\n");
        }
        html.Append("</table>\n");

        html.Append("<h2>Notices</h2>\n");
        foreach (var s in report.Summary)
        {
            var samples = report.Notices.Where(n => n.Code == s.Code).ToList();
            html.Append("<details id=\"").Append(E(s.Code)).Append("\"><summary class=\"").Append(SeverityName(s.Severity)).Append("\"><code>")
                .Append(E(s.Code)).Append("</code> – ").Append(s.Count).Append(s.Count > samples.Count ? $" (first {samples.Count} shown)" : string.Empty)
                .Append("</summary>\n<table>\n<tr><th>File</th><th>Row</th><th>Field</th><th>Value</th><th>Message</th></tr>\n");
            foreach (var n in samples)
            {
                html.Append("<tr><td>").Append(E(n.Location.File)).Append("</td><td>").Append(n.Location.Row?.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(E(n.Location.Field)).Append("</td><td><code>").Append(E(n.Location.Value))
                    .Append("</code></td><td>").Append(E(n.Message)).Append("</td></tr>\n");
            }
            html.Append("</table>\n</details>\n");
        }

        html.Append("<h2>Files read</h2>\n<table>\n<tr><th>File</th><th>Records</th></tr>\n");
        foreach (var (file, count) in report.RowCounts)
        {
            html.Append("<tr><td>").Append(E(file)).Append("</td><td>").Append(count).Append("</td></tr>\n");
        }
        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    internal static string SeverityName(GtfsNoticeSeverity severity) => severity switch
    {
        GtfsNoticeSeverity.Error => "error",
        GtfsNoticeSeverity.Warning => "warning",
        _ => "info",
    };
}
