using DataGouvTerr.GtfsKit.Validation;
using DataGouvTerr.GtfsKit.Validation.Rules;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

public sealed class GtfsValidatorTests
{
    [Fact]
    public void A_rule_that_throws_becomes_a_system_error_notice_and_the_other_rules_still_run()
    {
        using var feed = new GtfsFeedBuilder().Without("feed_info.txt");
        var options = GtfsFeedBuilder.Options() with
        {
            Rules = [new ThrowingRule(), new MissingRecommendedFileRule()],
        };
        var report = GtfsValidator.Validate(feed.WriteFolder(), options);

        var crash = Assert.Single(report.Notices, n => n.Code == GtfsValidator.RuleCrashCode);
        Assert.Equal(GtfsNoticeSeverity.Error, crash.Severity);
        Assert.Equal(nameof(ThrowingRule), crash.Location.File);
        Assert.Contains("boom", crash.Message, StringComparison.Ordinal);
        Assert.Equal([nameof(ThrowingRule)], report.FailedRules);
        Assert.Equal(1, report.CountOf("missing_recommended_file"));
    }

    [Fact]
    public void Today_comes_from_the_time_provider_in_the_agency_time_zone()
    {
        // 23:30 UTC on 3 December is already 4 December in Paris: the feed ending on 3 December has expired.
        using var feed = new GtfsFeedBuilder().Replace("feed_info.txt", "20271231", "20261210");
        var options = new GtfsValidationOptions { TimeProvider = new FixedTimeProvider(new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero)) };
        var report = GtfsValidator.Validate(feed.WriteFolder(), options);

        Assert.Equal(new DateOnly(2026, 12, 4), report.Today);
        Assert.Equal(1, report.CountOf("feed_expiration_date7_days"));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero), report.ValidatedAt);
    }

    [Fact]
    public void Notices_beyond_the_sample_limit_are_counted_but_not_kept()
    {
        using var feed = new GtfsFeedBuilder();
        for (var i = 0; i < 30; i++)
        {
            feed.Append("stops.txt", $"X{i},Dépôt {i},49.43{i:00},1.09,0,");
        }
        var report = GtfsValidator.Validate(feed.WriteFolder(), GtfsFeedBuilder.Options() with { MaxSamplesPerCode = 10 });

        Assert.Equal(30, report.CountOf("stop_without_stop_time"));
        Assert.Equal(10, report.Notices.Count(n => n.Code == "stop_without_stop_time"));
        Assert.Equal(30, report.WarningCount);
    }

    [Fact]
    public void Errors_come_first_in_the_summary()
    {
        using var feed = new GtfsFeedBuilder().Without("feed_info.txt").Replace("agency.txt", "Europe/Paris", "Europe/Rouen");
        var report = feed.Validate();

        Assert.Equal(GtfsNoticeSeverity.Error, report.Summary[0].Severity);
        Assert.Equal(GtfsNoticeSeverity.Warning, report.Summary[^1].Severity);
    }

    private sealed class ThrowingRule : IGtfsRule
    {
        public void Run(GtfsValidationContext context, GtfsNoticeCollector notices) => throw new InvalidOperationException("boom");
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
