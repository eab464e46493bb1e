using DataGouvTerr.Domain.Contracts;
using static DataGouvTerr.Domain.Tests.Contracts.ContractFixture;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>The small value formats of a contract (durations, cron schedules) across their accepted and refused forms.</summary>
public sealed class ContractValueFormatTests
{
    private const string Schedule = "schedule: \"0 4 * * *\"";

    [Theory]
    [InlineData("0", 0)]
    [InlineData("15m", 15)]
    [InlineData("1h", 60)]
    [InlineData("24h", 24 * 60)]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("1w", 7 * 24 * 60)]
    public void Accepted_delays(string text, int minutes)
    {
        var result = Load(With("delay: 24h", $"delay: {text}"));

        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromMinutes(minutes), result.Contract!.RightsOf("aom").Single().Delay);
    }

    [Theory]
    [InlineData("1M")]
    [InlineData("1y")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("h")]
    [InlineData("PT1H")]
    [InlineData("00:15:00")]
    public void Refused_durations(string text)
    {
        var error = SingleError(With("delay: 24h", $"delay: \"{text}\""));

        Assert.Equal(("rights[0].delay", $"'{text}' is not a duration: write a whole number followed by m, h, d or w (e.g. 15m, 24h, 7d), or 0"),
            (error.YamlPath, error.Reason));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 4 * * MON-FRI")]
    [InlineData("30 2 1,15 * *")]
    [InlineData("0 0 ? JAN-MAR SUN")]
    [InlineData("0-30/10 8-18 * * 1-5")]
    [InlineData("0 0 * * 7")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    public void Accepted_schedules(string cron)
    {
        var result = Load(With(Schedule, $"schedule: \"{cron}\""));

        Assert.Empty(result.Errors);
        Assert.Equal(cron, result.Contract!.FindFeed("gtfs")!.Schedule);
    }

    [Theory]
    [InlineData("0 0 4 * * *", "'0 0 4 * * *' has 6 fields; a cron schedule has five: minute hour day-of-month month day-of-week")]
    [InlineData("0 24 * * *", "'24' is not a valid hour in cron schedule '0 24 * * *' (allowed 0-23)")]
    [InlineData("0 4 0 * *", "'0' is not a valid day of month in cron schedule '0 4 0 * *' (allowed 1-31)")]
    [InlineData("0 4 * 13 *", "'13' is not a valid month in cron schedule '0 4 * 13 *' (allowed 1-12)")]
    [InlineData("0 4 * * 8", "'8' is not a valid day of week in cron schedule '0 4 * * 8' (allowed 0-7)")]
    [InlineData("0 4 L * *", "'L' is not a valid day of month in cron schedule '0 4 L * *' (allowed 1-31)")]
    [InlineData("*/0 * * * *", "'*/0' is not a valid minute in cron schedule '*/0 * * * *' (allowed 0-59)")]
    [InlineData("30-10 * * * *", "'30-10' is not a valid minute in cron schedule '30-10 * * * *' (allowed 0-59)")]
    [InlineData("? * * * *", "'?' is not a valid minute in cron schedule '? * * * *' (allowed 0-59)")]
    [InlineData("@sometimes", "'@sometimes' is not a cron macro; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every_minute or five fields")]
    public void Refused_schedules(string cron, string reason)
    {
        var error = SingleError(With(Schedule, $"schedule: \"{cron}\""));

        Assert.Equal(("feeds[1].schedule", reason), (error.YamlPath, error.Reason));
    }

    [Fact]
    public void Misspelt_section_at_the_root_is_reported_with_a_suggestion()
    {
        var result = Load(With("rights:\n", "right:\n"));

        Assert.Equal(
            [
                ("right", "unknown key 'right': did you mean 'rights'? expected one of version, effective_date, amendable_by, territory, zoning, members, feeds, rights, obligations, privacy"),
                ("rights", "required key 'rights' is missing"),
                ("obligations[0].sanctions[1].products", "member 'scoot' has no right to 'availability' that could be suspended"),
            ],
            result.Errors.Select(e => (e.YamlPath, e.Reason)));
    }
}
