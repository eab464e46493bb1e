using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace DataGouvTerr.Hub.Infrastructure.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static: when one host stops (a test factory, a CLI verb) while another in
/// the same process still runs jobs, Hangfire would ask the stopped host's disposed logger factory for loggers and
/// throw. This provider goes quiet instead of failing the job once its host is gone.
/// </summary>
internal sealed class HostBoundLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new GuardedLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new GuardedLog(null);
        }
    }

    private sealed class GuardedLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
