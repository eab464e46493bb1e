using Hangfire;
using Hangfire.Storage;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>Keeps two workers (threads or processes) off the same feed: the lock lives in the shared job storage.</summary>
public interface IFeedLock
{
    /// <summary>Waits up to <paramref name="timeout"/> for the feed; throws <see cref="FeedBusyException"/> when another worker holds it.</summary>
    Task<IDisposable> AcquireAsync(string feedId, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}

/// <summary>Another worker is processing the feed; the job should let Hangfire retry it later.</summary>
public sealed class FeedBusyException(string feedId, Exception inner)
    : Exception($"Feed '{feedId}' is being processed by another worker.", inner);

/// <summary>Hangfire's distributed lock (a row in SQLite or PostgreSQL storage), keyed by feed id.</summary>
internal sealed class HangfireFeedLock(JobStorage storage) : IFeedLock
{
    public Task<IDisposable> AcquireAsync(string feedId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var connection = storage.GetConnection();
        try
        {
            var handle = connection.AcquireDistributedLock($"dgt:feed:{feedId}", timeout ?? TimeSpan.FromSeconds(5));
            return Task.FromResult<IDisposable>(new Releaser(handle, connection));
        }
        catch (Exception ex) when (ex is DistributedLockTimeoutException or TimeoutException
                                       || ex.GetType().Name.Contains("DistributedLockTimeout", StringComparison.Ordinal))
        {
            connection.Dispose();
            throw new FeedBusyException(feedId, ex);
        }
    }

    private sealed class Releaser(IDisposable handle, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
