using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Jobs;

/// <summary>
/// The per-feed lock on the real job storage (Hangfire's SQLite file or PostgreSQL schema). Each holder runs on a
/// thread of its own, as two workers would: Hangfire's locks may be re-entrant within one thread.
/// </summary>
public sealed class FeedLockTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_second_holder_is_refused_while_the_first_holds_the_feed_and_admitted_after(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var locks = hub.Services.GetRequiredService<IFeedLock>();
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = OnOwnThread(() =>
        {
            using (locks.AcquireAsync("gtfs-reseau").GetAwaiter().GetResult())
            {
                held.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
            return true;
        });
        held.Wait(TimeSpan.FromSeconds(30));

        var refused = await OnOwnThread(() => Record.Exception(() => locks.AcquireAsync("gtfs-reseau", TimeSpan.FromMilliseconds(300)).GetAwaiter().GetResult()));
        var otherFeed = await OnOwnThread(() => { using (locks.AcquireAsync("gbfs-velos", TimeSpan.FromSeconds(5)).GetAwaiter().GetResult()) { return true; } });
        release.Set();
        await holder;
        var afterRelease = await OnOwnThread(() => { using (locks.AcquireAsync("gtfs-reseau", TimeSpan.FromSeconds(5)).GetAwaiter().GetResult()) { return true; } });

        Assert.IsType<FeedBusyException>(refused);
        Assert.Contains("gtfs-reseau", refused.Message);
        Assert.True(otherFeed);
        Assert.True(afterRelease);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Concurrent_workers_never_hold_one_feed_together(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var locks = hub.Services.GetRequiredService<IFeedLock>();
        var inside = 0;
        var most = 0;
        var entries = 0;

        var workers = Enumerable.Range(0, 3).Select(_ => OnOwnThread(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                using (locks.AcquireAsync("mds-scoot", TimeSpan.FromSeconds(30)).GetAwaiter().GetResult())
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref most, now);
                    Interlocked.Increment(ref entries);
                    Thread.Sleep(40);
                    Interlocked.Decrement(ref inside);
                }
            }
            return true;
        })).ToList();
        await Task.WhenAll(workers);

        Assert.Equal(9, entries);
        Assert.Equal(1, most);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_live_holder_keeps_its_lease_past_the_lease_time_and_a_silent_one_loses_it(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["FeedLocks:LeaseSeconds"] = "2",
            ["FeedLocks:RenewSeconds"] = "1",
        });
        var locks = hub.Services.GetRequiredService<IFeedLock>();
        var store = hub.Services.GetRequiredService<IFeedLeaseStore>();

        // A live holder renews: three lease times later a newcomer is still refused.
        using (await locks.AcquireAsync("gtfs-reseau"))
        {
            await Task.Delay(TimeSpan.FromSeconds(6));
            var refused = await OnOwnThread(() => Record.Exception(() => locks.AcquireAsync("gtfs-reseau", TimeSpan.FromMilliseconds(300)).GetAwaiter().GetResult()));
            Assert.IsType<FeedBusyException>(refused);
        }

        // A holder that took the lease and then went silent (as a killed process does) loses it when it expires.
        Assert.Equal("dead-worker", await store.TryTakeAsync("gbfs-velos", "dead-worker", TimeSpan.FromSeconds(2), CancellationToken.None));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        using (await locks.AcquireAsync("gbfs-velos", TimeSpan.FromSeconds(10)))
        {
            Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        }
    }

    private static Task<T> OnOwnThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
