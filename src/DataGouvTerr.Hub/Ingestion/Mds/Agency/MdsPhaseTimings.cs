using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// Where a push request's time goes (read, parse, check, vehicles, insert, state, commit), sent back in the standard
/// <c>Server-Timing</c> header so a client or the benchmark can see which phase limits throughput without a profiler.
/// Only durations leave the hub, no data.
/// </summary>
public sealed class MdsPhaseTimings
{
    private readonly List<(string Phase, double Ms)> _phases = [];
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Ends the phase running since the previous mark (or since creation) under this name.</summary>
    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Add((phase, Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds));
        _last = now;
    }

    /// <summary>The header value, e.g. <c>read;dur=1.2, parse;dur=3.4</c>.</summary>
    public string ToHeader()
    {
        var text = new StringBuilder();
        foreach (var (phase, ms) in _phases)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(phase).Append(";dur=").Append(ms.ToString("0.###", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
