using System.Collections.Concurrent;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Fixed time bins from 15 minutes to one week, aligned on Monday 2024-01-01 00:00 so that every bin size the
/// contract allows nests inside the coarser ones (an hour is four quarters, a week is seven days). Only these bins
/// exist: an instant is never published finer than its bin.
/// <para>
/// With a time zone (the territory's legal time, Europe/Paris), bins follow the local clock: bins that divide an
/// hour are the same instants everywhere (the zone's offsets are whole quarter hours), so a DST day has 23 or 25
/// hour bins; longer bins (2 h … 1 week) run from local wall-clock boundaries, so a day bin runs local midnight to
/// midnight (23 or 25 hours) and a week starts on local Monday 00:00. Without a zone, bins are UTC.
/// </para>
/// </summary>
public sealed class TimeBinning
{
    public static readonly TimeSpan Smallest = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Largest = TimeSpan.FromDays(7);
    /// <summary>A Monday (in UTC, and on the wall clock of a zoned binning), so weekly bins run Monday to Monday.</summary>
    public static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly long _binTicks;
    private readonly ZoneOffsets? _wallClock;

    public TimeBinning(TimeSpan binSize, TimeZoneInfo? timeZone = null)
    {
        if (!IsAllowed(binSize))
        {
            throw new ArgumentOutOfRangeException(nameof(binSize), binSize,
                "A time bin must be a multiple of 15 minutes that divides one week (15 min … 7 days).");
        }
        BinSize = binSize;
        _binTicks = binSize.Ticks;
        TimeZone = timeZone ?? TimeZoneInfo.Utc;
        // Bins dividing an hour are the same instants in UTC and local time; only longer ones need the wall clock.
        if (timeZone is not null && !ReferenceEquals(timeZone, TimeZoneInfo.Utc) && TimeSpan.TicksPerHour % binSize.Ticks != 0)
        {
            _wallClock = ZoneOffsets.For(timeZone);
        }
    }

    public TimeSpan BinSize { get; }

    /// <summary>The zone whose legal time the bins follow (UTC when none was given).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>True for 15 min multiples that divide a week, so bins of that size tile weeks exactly.</summary>
    public static bool IsAllowed(TimeSpan binSize) =>
        binSize >= Smallest && binSize <= Largest
        && binSize.Ticks % Smallest.Ticks == 0 && Largest.Ticks % binSize.Ticks == 0;

    /// <summary>Index of the bin holding <paramref name="instant"/> (bins before the origin are negative).</summary>
    public long IndexOf(DateTimeOffset instant) => IndexOfUtcTicks(instant.UtcTicks);

    /// <summary>Index of the bin holding the instant given in Unix milliseconds (the hot path of the aggregation).</summary>
    public long IndexOfUnixMilliseconds(long unixMilliseconds) =>
        IndexOfUtcTicks((unixMilliseconds * TimeSpan.TicksPerMillisecond) + DateTimeOffset.UnixEpoch.UtcTicks);

    /// <summary>Start of the bin as a UTC instant.</summary>
    public DateTimeOffset StartOf(long index)
    {
        if (_wallClock is null)
        {
            return Origin + TimeSpan.FromTicks(index * _binTicks);
        }
        var wall = new DateTime(Origin.UtcTicks + (index * _binTicks), DateTimeKind.Unspecified);
        // A wall-clock start inside the spring-forward gap does not exist: the bin starts when the clock resumes.
        while (TimeZone.IsInvalidTime(wall))
        {
            wall = wall.Add(Smallest);
        }
        // A start inside the repeated autumn hour is its first occurrence, so the bin holds both.
        var offset = TimeZone.IsAmbiguousTime(wall) ? TimeZone.GetAmbiguousTimeOffsets(wall).Max() : TimeZone.GetUtcOffset(wall);
        return new DateTimeOffset(wall.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    public DateTimeOffset EndOf(long index) => StartOf(index + 1);

    /// <summary>Start of the bin in the zone's legal time, e.g. 2026-03-29T03:00:00+02:00.</summary>
    public DateTimeOffset LocalStartOf(long index) => TimeZoneInfo.ConvertTime(StartOf(index), TimeZone);

    private long IndexOfUtcTicks(long utcTicks) => _wallClock is null
        ? FloorDiv(utcTicks - Origin.UtcTicks, _binTicks)
        : FloorDiv(utcTicks + _wallClock.OffsetTicksAt(utcTicks) - Origin.UtcTicks, _binTicks);

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>
    /// UTC offsets of one zone per quarter hour, computed once per block of ~42 days: asking TimeZoneInfo for every
    /// trip of a ten-million-trip aggregation would cost more than the aggregation itself.
    /// </summary>
    private sealed class ZoneOffsets(TimeZoneInfo zone)
    {
        private const int BlockShift = 12;
        private static readonly ConcurrentDictionary<string, ZoneOffsets> ByZone = new();
        private readonly ConcurrentDictionary<long, short[]> _blocks = new();
        private Block? _last;

        public static ZoneOffsets For(TimeZoneInfo zone) => ByZone.GetOrAdd(zone.Id, _ => new ZoneOffsets(zone));

        public long OffsetTicksAt(long utcTicks)
        {
            var quarter = FloorDiv(utcTicks, Smallest.Ticks);
            var block = quarter >> BlockShift;
            var last = _last;
            if (last is null || last.Number != block)
            {
                last = new Block(block, _blocks.GetOrAdd(block, Compute));
                _last = last;
            }
            return last.OffsetMinutes[quarter - (block << BlockShift)] * TimeSpan.TicksPerMinute;
        }

        private short[] Compute(long block)
        {
            var minutes = new short[1 << BlockShift];
            for (var i = 0; i < minutes.Length; i++)
            {
                var instant = new DateTime(((block << BlockShift) + i) * Smallest.Ticks, DateTimeKind.Utc);
                minutes[i] = (short)zone.GetUtcOffset(instant).TotalMinutes;
            }
            return minutes;
        }

        private sealed record Block(long Number, short[] OffsetMinutes);
    }
}

/// <summary>The legal time of the territory: bins, days and weeks of every product follow it.</summary>
public static class TerritoryTime
{
    public const string DefaultZoneId = "Europe/Paris";

    /// <summary>Europe/Paris from the system's time zone database (IANA id, as on Linux and on .NET with ICU).</summary>
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId);
}
