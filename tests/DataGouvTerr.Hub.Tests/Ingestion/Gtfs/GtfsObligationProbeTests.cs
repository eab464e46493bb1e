using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>The GTFS probes judge reseau-astuce-exemple's obligations of the sample contract from stored versions.</summary>
public sealed class GtfsObligationProbeTests
{
    private const string Feed = "gtfs-reseau";

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Valid_is_breached_since_the_first_of_the_latest_invalid_versions(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var now = hub.Clock.GetUtcNow();
        await AddVersionAsync(hub, now.AddDays(-10), errors: 0);
        await AddVersionAsync(hub, now.AddDays(-4), errors: 3);
        await AddVersionAsync(hub, now.AddDays(-1), errors: 2);

        var result = await CheckAsync(hub, ObligationKind.GtfsValid, now);

        Assert.False(result.Compliant);
        Assert.Equal(now.AddDays(-4).ToUnixTimeMilliseconds(), result.BreachedSince!.Value.ToUnixTimeMilliseconds());
        Assert.Contains("2 validation error(s)", result.Detail);

        await AddVersionAsync(hub, now, errors: 0);
        Assert.True((await CheckAsync(hub, ObligationKind.GtfsValid, now)).Compliant);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Not_expired_needs_the_contract_days_ahead_and_dates_the_breach_from_the_end_date(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        // Valid until 5 December: only 4 days ahead on 1 December, the contract asks for 7.
        await AddVersionAsync(hub, now.AddDays(-1), errors: 0, end: new DateOnly(2026, 12, 5), current: true);

        var result = await CheckAsync(hub, ObligationKind.GtfsNotExpired, now);

        Assert.False(result.Compliant);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), result.BreachedSince);
        Assert.True((await CheckAsync(hub, ObligationKind.GtfsNotExpired, now.AddDays(-3))).Compliant);
    }

    private static async Task<ProbeResult> CheckAsync(HubFactory hub, ObligationKind kind, DateTimeOffset now)
    {
        await using var scope = hub.Scope();
        var contract = await scope.ServiceProvider.GetRequiredService<IContractProvider>().GetCurrentAsync();
        var obligation = contract.Obligations.Single(o => o.FeedId == Feed && o.Kind == kind);
        var probe = scope.ServiceProvider.GetServices<IObligationProbe>().Single(p => p.Kind == kind);
        return await probe.CheckAsync(obligation, contract, now, CancellationToken.None);
    }

    private static async Task AddVersionAsync(HubFactory hub, DateTimeOffset fetchedAt, long errors, DateOnly? end = null, bool current = false)
    {
        await using var scope = hub.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var version = new GtfsFeedVersion
        {
            FeedId = Feed,
            Sha256 = Guid.NewGuid().ToString("N"),
            FetchedAt = fetchedAt,
            Loaded = errors == 0,
            ErrorCount = errors,
            FeedEndDate = end,
        };
        db.Add(version);
        await db.SaveChangesAsync();
        if (current)
        {
            db.Add(new GtfsFeedState { FeedId = Feed, CurrentVersionId = version.Id });
            await db.SaveChangesAsync();
        }
    }
}
