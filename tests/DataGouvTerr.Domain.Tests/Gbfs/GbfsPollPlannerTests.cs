using DataGouvTerr.Domain.Gbfs;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsPollPlannerTests
{
    private static readonly DateTimeOffset Last = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Never_fetched_is_due()
    {
        Assert.True(GbfsPollPlanner.IsDue(Last, null, 60, FiveMinutes));
    }

    [Fact]
    public void Not_before_the_ttl()
    {
        Assert.False(GbfsPollPlanner.IsDue(Last.AddSeconds(59), Last, 60, FiveMinutes));
        Assert.True(GbfsPollPlanner.IsDue(Last.AddSeconds(60), Last, 60, FiveMinutes));
    }

    [Fact]
    public void Not_later_than_the_contract_schedule_when_the_ttl_is_longer()
    {
        Assert.Equal(Last + FiveMinutes, GbfsPollPlanner.NextFetch(Last, 3600, FiveMinutes));
    }

    [Fact]
    public void Ttl_zero_is_due_at_every_tick()
    {
        Assert.True(GbfsPollPlanner.IsDue(Last, Last, 0, FiveMinutes));
    }
}

public class GbfsScheduleTests
{
    [Theory]
    [InlineData("* * * * *", 1)]
    [InlineData("*/5 * * * *", 5)]
    [InlineData("7 * * * *", 60)]
    [InlineData("0 */2 * * *", 120)]
    public void Cron_schedules_give_the_longest_allowed_interval(string cron, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), GbfsSchedule.MaxInterval(cron));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0 8 * * 1")]
    [InlineData("every five minutes")]
    public void Other_schedules_are_not_guessed(string? cron)
    {
        Assert.Null(GbfsSchedule.MaxInterval(cron));
    }
}
