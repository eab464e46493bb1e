namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Fixed time bins from 15 minutes to one week, aligned on Monday 2024-01-01 00:00 UTC so that every bin size
/// the contract allows nests inside the coarser ones (an hour is four quarters, a week is seven days). Only these
/// bins exist: an instant is never published finer than its bin.
/// </summary>
public sealed class TimeBinning
{
    public static readonly TimeSpan Smallest = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Largest = TimeSpan.FromDays(7);
    /// <summary>A Monday, so weekly bins run Monday to Monday (UTC).</summary>
    public static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly long _binTicks;

    public TimeBinning(TimeSpan binSize)
    {
        if (!IsAllowed(binSize))
        {
            throw new ArgumentOutOfRangeException(nameof(binSize), binSize,
                "A time bin must be a multiple of 15 minutes that divides one week (15 min … 7 days).");
        }
        BinSize = binSize;
        _binTicks = binSize.Ticks;
    }

    public TimeSpan BinSize { get; }

    /// <summary>True for 15 min multiples that divide a week, so bins of that size tile weeks exactly.</summary>
    public static bool IsAllowed(TimeSpan binSize) =>
        binSize >= Smallest && binSize <= Largest
        && binSize.Ticks % Smallest.Ticks == 0 && Largest.Ticks % binSize.Ticks == 0;

    /// <summary>Index of the bin holding <paramref name="instant"/> (bins before the origin are negative).</summary>
    public long IndexOf(DateTimeOffset instant) => FloorDiv(instant.UtcTicks - Origin.UtcTicks, _binTicks);

    /// <summary>Index of the bin holding the instant given in Unix milliseconds (the hot path of the aggregation).</summary>
    public long IndexOfUnixMilliseconds(long unixMilliseconds) =>
        FloorDiv((unixMilliseconds * TimeSpan.TicksPerMillisecond) + DateTimeOffset.UnixEpoch.UtcTicks - Origin.UtcTicks, _binTicks);

    public DateTimeOffset StartOf(long index) => Origin + TimeSpan.FromTicks(index * _binTicks);

    public DateTimeOffset EndOf(long index) => StartOf(index + 1);

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
