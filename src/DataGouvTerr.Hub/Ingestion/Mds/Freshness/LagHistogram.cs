namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>
/// Counts of items by whole minutes of lag; percentiles come from it. The store groups by minute (one SQL
/// GROUP BY on both providers) instead of shipping every row's lag, so an hour of a large fleet's telemetry stays cheap.
/// </summary>
public sealed class LagHistogram
{
    private readonly SortedDictionary<long, long> _countsByMinute = [];

    public long Total { get; private set; }

    /// <summary>Adds items; a negative lag (device clock ahead of the hub) counts as zero.</summary>
    public void Add(long lagMinutes, long count)
    {
        var key = Math.Max(0, lagMinutes);
        _countsByMinute[key] = _countsByMinute.GetValueOrDefault(key) + count;
        Total += count;
    }

    /// <summary>The smallest lag (minutes) that at least <paramref name="fraction"/> of the items do not exceed; 0 when empty.</summary>
    public int Percentile(double fraction)
    {
        if (Total == 0)
        {
            return 0;
        }
        var needed = (long)Math.Ceiling(fraction * Total);
        long seen = 0;
        foreach (var (minute, count) in _countsByMinute)
        {
            seen += count;
            if (seen >= needed)
            {
                return (int)Math.Min(int.MaxValue, minute);
            }
        }
        return (int)Math.Min(int.MaxValue, _countsByMinute.Keys.Last());
    }

    public int Max => Total == 0 ? 0 : (int)Math.Min(int.MaxValue, _countsByMinute.Keys.Last());
}
