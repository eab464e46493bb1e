using System.Text.Json;
using DataGouvTerr.GtfsKit.Validation.Report;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

public sealed class ValidationReportWriterTests
{
    [Fact]
    public void Json_groups_notices_by_code_with_totals_and_samples_and_reads_back()
    {
        using var feed = new GtfsFeedBuilder().Without("feed_info.txt").Replace("routes.txt", "0055A4", "#0055A4");
        var report = feed.Validate();

        var json = ValidationReportWriter.ToJson(report);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("summary").GetProperty("errors").GetInt64());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("warnings").GetInt64());
        Assert.Equal("2026-11-30", root.GetProperty("today").GetString());
        var first = root.GetProperty("notices")[0];
        Assert.Equal("invalid_color", first.GetProperty("code").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        var sample = first.GetProperty("sampleNotices")[0];
        Assert.Equal("routes.txt", sample.GetProperty("file").GetString());
        Assert.Equal(2, sample.GetProperty("row").GetInt64());
        Assert.Equal("route_color", sample.GetProperty("field").GetString());
        Assert.Equal("#0055A4", sample.GetProperty("value").GetString());

        var back = ValidationReportReader.ReadJson(json);
        Assert.Equal(report.Summary, back.Summary);
        Assert.Equal(report.Notices, back.Notices);
        Assert.Equal(report.Today, back.Today);
        Assert.Equal(json, ValidationReportWriter.ToJson(back));
    }

    [Fact]
    public void Html_is_self_contained_shows_counts_and_escapes_values()
    {
        using var feed = new GtfsFeedBuilder().Replace("agency.txt", "Réseau Exemple", "<script>alert(1)</script>")
            .Replace("routes.txt", "0055A4", "<b>red</b>");
        var report = feed.Validate();

        var html = ValidationReportWriter.ToHtml(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("1 errors", html, StringComparison.Ordinal);
        Assert.Contains("invalid_color", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;red&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_summary_gives_counts_and_the_top_codes_with_a_sample()
    {
        using var feed = new GtfsFeedBuilder().Without("feed_info.txt").Replace("routes.txt", "0055A4", "#0055A4");
        var report = feed.Validate();
        using var text = new StringWriter();

        ValidationReportWriter.WriteSummary(report, text, topCodes: 1);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(": 1 errors, 1 warnings, 0 infos", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  error   invalid_color ×1 — routes.txt row 2 field route_color value '#0055A4'", lines[1], StringComparison.Ordinal);
        Assert.Contains("1 more codes", lines[2], StringComparison.Ordinal);
    }
}
