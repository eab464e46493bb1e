using System.Diagnostics;

namespace DataGouvTerr.Benchmarks.Flows;

/// <summary>
/// Measures this process's CPU time (all threads, GC included) between Start and Stop, because on a shared
/// 2-core machine wall-clock time mostly measures the other processes.
/// </summary>
internal sealed class CpuStopwatch
{
    private TimeSpan _startedAt;
    private bool _running;

    public TimeSpan Elapsed { get; private set; }

    public void Start()
    {
        _startedAt = Process.GetCurrentProcess().TotalProcessorTime;
        _running = true;
    }

    public void Stop()
    {
        if (_running)
        {
            Elapsed += Process.GetCurrentProcess().TotalProcessorTime - _startedAt;
            _running = false;
        }
    }
}
