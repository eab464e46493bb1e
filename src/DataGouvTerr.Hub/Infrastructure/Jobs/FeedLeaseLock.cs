using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>
/// The per-feed lock as a lease: a row (feed, holder, expiry) taken only when absent or expired, renewed by a timer
/// of the live holder, deleted on release. A holder killed with SIGKILL cannot release, but it stops renewing, so
/// its lease is taken over within <see cref="FeedLeaseOptions.LeaseSeconds"/> (Hangfire's own distributed lock kept a
/// dead holder's feed for its 10-minute timeout on PostgreSQL). Expiry is judged by the store's clock, so workers on
/// several machines agree on it. Timers run on the wall clock: leases are about real processes dying, not the
/// hub's injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class FeedLeaseLock(IFeedLeaseStore store, IOptions<FeedLeaseOptions> options, ILogger<FeedLeaseLock> logger) : IFeedLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public async Task<IDisposable> AcquireAsync(string feedId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(o.WaitSeconds));
        while (true)
        {
            var current = await store.TryTakeAsync(feedId, holder, lease, cancellationToken);
            if (current == holder)
            {
                return new Held(store, logger, feedId, holder, lease, TimeSpan.FromSeconds(o.RenewSeconds));
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new FeedBusyException(feedId, current ?? "unknown");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>A held lease: renewed by a timer until disposed, then deleted.</summary>
    private sealed class Held : IDisposable
    {
        private readonly IFeedLeaseStore _store;
        private readonly ILogger _logger;
        private readonly string _feedId;
        private readonly string _holder;
        private readonly TimeSpan _lease;
        private readonly Timer _timer;
        private readonly Lock _gate = new();
        private bool _disposed;

        public Held(IFeedLeaseStore store, ILogger logger, string feedId, string holder, TimeSpan lease, TimeSpan renewEvery)
        {
            _store = store;
            _logger = logger;
            _feedId = feedId;
            _holder = holder;
            _lease = lease;
            _timer = new Timer(_ => Renew(), null, renewEvery, renewEvery);
        }

        private void Renew()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                try
                {
                    if (!_store.RenewAsync(_feedId, _holder, _lease, CancellationToken.None).GetAwaiter().GetResult())
                    {
                        // Only if this process stalled longer than a lease: another worker may now run the feed too.
                        _logger.LogError("Feed lock {FeedId}: lease of {Holder} was lost (not renewed in time)", _feedId, _holder);
                    }
                }
                catch (Exception ex)
                {
                    // A store hiccup: the next tick tries again while the lease still runs.
                    _logger.LogWarning(ex, "Feed lock {FeedId}: renewing the lease failed", _feedId);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
            }
            _timer.Dispose();
            try
            {
                _store.ReleaseAsync(_feedId, _holder, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                // The lease then expires by itself.
                _logger.LogWarning(ex, "Feed lock {FeedId}: releasing the lease failed; it expires by itself", _feedId);
            }
        }
    }
}
