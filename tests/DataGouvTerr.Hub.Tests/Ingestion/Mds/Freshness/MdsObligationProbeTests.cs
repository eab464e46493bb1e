using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Ingestion.Mds.Freshness;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Freshness;

/// <summary>The MDS probes judge the sample contract's scoot-normandie obligations from recorded hours.</summary>
public sealed class MdsObligationProbeTests
{
    private const string Feed = "mds-scoot";

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Freshness_is_breached_since_the_first_of_the_consecutive_late_days_and_met_once_a_day_is_on_time(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var now = hub.Clock.GetUtcNow();
        // Three days of data 2 hours late (the sample contract allows 60 min), then nothing earlier.
        await AddHoursAsync(hub, now, days: 3, lagP95Minutes: 120);

        var late = await CheckAsync(hub, ObligationKind.DataFreshness, now);

        Assert.False(late.Compliant);
        Assert.Equal(now.AddDays(-3), late.BreachedSince);
        Assert.Contains("over 60 min", late.Detail);

        // The operator catches up: the last 24 hours are on time.
        await AddHoursAsync(hub, now.AddDays(1), days: 1, lagP95Minutes: 5);
        var caughtUp = await CheckAsync(hub, ObligationKind.DataFreshness, now.AddDays(1));

        Assert.True(caughtUp.Compliant);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Coverage_counts_hours_with_data_against_the_contract_minimum(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var now = hub.Clock.GetUtcNow();
        await AddHoursAsync(hub, now, days: 1, lagP95Minutes: 5, everyOtherHour: true);

        var result = await CheckAsync(hub, ObligationKind.Coverage, now);

        Assert.False(result.Compliant);
        Assert.Contains("12 of 24 hours", result.Detail);
    }

    private static async Task<ProbeResult> CheckAsync(HubFactory hub, ObligationKind kind, DateTimeOffset now)
    {
        await using var scope = hub.Scope();
        var contract = await scope.ServiceProvider.GetRequiredService<IContractProvider>().GetCurrentAsync();
        var obligation = contract.Obligations.Single(o => o.MemberId == "scoot-normandie" && o.Kind == kind);
        var probe = scope.ServiceProvider.GetServices<IObligationProbe>().Single(p => p.Kind == kind);
        return await probe.CheckAsync(obligation, contract, now, CancellationToken.None);
    }

    private static async Task AddHoursAsync(HubFactory hub, DateTimeOffset until, int days, int lagP95Minutes, bool everyOtherHour = false)
    {
        await using var scope = hub.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        for (var hour = 1; hour <= days * 24; hour++)
        {
            if (everyOtherHour && hour % 2 == 0)
            {
                continue;
            }
            var start = until.AddHours(-hour);
            db.Add(new MdsFeedHour
            {
                FeedId = Feed,
                HourStartMs = start.ToUnixTimeMilliseconds(),
                EventCount = 10,
                LagP50Minutes = lagP95Minutes / 2,
                LagP95Minutes = lagP95Minutes,
                LagMaxMinutes = lagP95Minutes,
                ComputedAtMs = until.ToUnixTimeMilliseconds(),
            });
        }
        await db.SaveChangesAsync();
    }
}
