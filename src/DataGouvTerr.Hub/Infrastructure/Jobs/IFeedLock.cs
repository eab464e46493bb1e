namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>Keeps two workers (threads or processes) off the same feed: the lock lives in the shared store.</summary>
public interface IFeedLock
{
    /// <summary>
    /// Waits up to <paramref name="timeout"/> (default <see cref="FeedLeaseOptions.WaitSeconds"/>) for the feed;
    /// throws <see cref="FeedBusyException"/> when another live worker holds it.
    /// </summary>
    Task<IDisposable> AcquireAsync(string feedId, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}

/// <summary>Another worker is processing the feed; the job should let Hangfire retry it later.</summary>
public sealed class FeedBusyException(string feedId, string holder)
    : Exception($"Feed '{feedId}' is being processed by another worker ({holder}).");

/// <summary>
/// How long a feed lock outlives its holder. The holder renews its lease every <see cref="RenewSeconds"/>; a holder
/// that died (kill -9, OOM, power cut) stops renewing, and its lease is free <see cref="LeaseSeconds"/> after the
/// last renewal at most. A waiter waits a little longer than a lease by default, so a job started right after a crash
/// (the start-up ingestion of the restarted worker) gets the feed instead of failing.
/// </summary>
public sealed class FeedLeaseOptions
{
    public const string Section = "FeedLocks";

    public int LeaseSeconds { get; set; } = 20;

    public int RenewSeconds { get; set; } = 5;

    public int WaitSeconds { get; set; } = 25;

    public void Validate()
    {
        if (LeaseSeconds < 2 || RenewSeconds < 1 || RenewSeconds * 2 > LeaseSeconds || WaitSeconds < 0)
        {
            throw new InvalidOperationException(
                $"FeedLocks: LeaseSeconds ({LeaseSeconds}) must be at least 2 and at least twice RenewSeconds ({RenewSeconds}, at least 1); WaitSeconds ({WaitSeconds}) must not be negative.");
        }
    }
}
