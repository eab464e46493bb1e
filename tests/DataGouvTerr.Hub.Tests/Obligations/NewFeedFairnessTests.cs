using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Ingestion.Mds.Freshness;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Obligations;

/// <summary>
/// Issue 11 (reliability, obligations): the first evaluation of a new MDS feed used to count the 60 days before the feed
/// existed as breaches and suspend an operator that had just pushed 200,000 items. Judged here with the hub's real
/// MDS probes over the hourly freshness records the freshness job writes.
/// </summary>
public sealed class NewFeedFairnessTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_new_feed_that_just_pushed_200000_items_is_neither_sanctioned_now_nor_after_its_grace_period(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var firstHour = Hour(hub.Clock.GetUtcNow());
        await WriteHoursAsync(hub, firstHour, 1, items: 200_000);

        var first = await RunJobAsync(hub);
        var states = await StatesAsync(hub);
        // The operator goes on pushing every hour; three days later it is judged on the time it was in force.
        await WriteHoursAsync(hub, firstHour.AddHours(1), 72, items: 3_000);
        hub.Clock.Advance(TimeSpan.FromDays(3));
        var later = await RunJobAsync(hub);

        Assert.Equal(0, first.Added);
        Assert.Equal("in_grace", states["scoot-coverage"]);
        Assert.Equal("in_grace", states["scoot-freshness"]);
        Assert.Equal(0, later.Added);
        Assert.Equal("compliant", (await StatesAsync(hub))["scoot-coverage"]);
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<SanctionRecord>().CountAsync()));
        Assert.Empty((await hub.Services.GetRequiredService<IMemberStandingProvider>().GetAsync("scoot-normandie", CancellationToken.None)).SuspendedProducts);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_new_feed_that_stops_after_its_first_push_gets_a_notice_first_never_the_suspension(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await WriteHoursAsync(hub, Hour(hub.Clock.GetUtcNow()), 1, items: 200_000);
        hub.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        var summary = await RunJobAsync(hub);

        var sanctions = await hub.WithDbAsync(db => db.Set<SanctionRecord>().AsNoTracking().ToListAsync());
        Assert.Equal(summary.Added, sanctions.Count);
        Assert.NotEmpty(sanctions);
        Assert.All(sanctions, s => Assert.Equal("notice", s.Action)); // coverage is breached, but the ladder starts at its foot
    }

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);

    private static Task<int> WriteHoursAsync(HubFactory hub, DateTimeOffset from, int hours, int items) => hub.WithDbAsync(db =>
    {
        for (var i = 0; i < hours; i++)
        {
            db.Add(new MdsFeedHour
            {
                FeedId = "mds-scoot",
                HourStartMs = from.AddHours(i).ToUnixTimeMilliseconds(),
                EventCount = items,
                LagP50Minutes = 1,
                LagP95Minutes = 4,
                LagMaxMinutes = 9,
                ComputedAtMs = from.AddHours(i + 1).ToUnixTimeMilliseconds(),
            });
        }
        return db.SaveChangesAsync();
    });

    private static Task<Dictionary<string, string>> StatesAsync(HubFactory hub) =>
        hub.WithDbAsync(db => db.Set<ObligationStatusRecord>().AsNoTracking().ToDictionaryAsync(s => s.ObligationId, s => s.State));

    private static async Task<ObligationRunSummary> RunJobAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<ObligationEvaluationJob>().RunAsync(CancellationToken.None);
    }
}
