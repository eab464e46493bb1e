using System.Globalization;

namespace DataGouvTerr.GtfsKit.Model;

/// <summary>A GTFS time of day: seconds since "noon minus 12 h" of the service day, so 25:10:00 stays 25:10:00 (after midnight).</summary>
public readonly record struct GtfsTime : IComparable<GtfsTime>
{
    private const int MissingValue = int.MinValue;

    public GtfsTime(int totalSeconds) => TotalSeconds = totalSeconds;

    /// <summary>Seconds since the start of the service day; meaningless when <see cref="IsMissing"/>.</summary>
    public int TotalSeconds { get; }

    /// <summary>The value used for an empty (or unparseable) time field.</summary>
    public static GtfsTime Missing { get; } = new(MissingValue);

    public bool IsMissing => TotalSeconds == MissingValue;

    public bool HasValue => TotalSeconds != MissingValue;

    public static GtfsTime FromHms(int hours, int minutes, int seconds) => new((hours * 3600) + (minutes * 60) + seconds);

    /// <summary>Parses H:MM:SS or HH:MM:SS (hours may exceed 23); leading/trailing spaces are tolerated as gtfs_kit does.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out GtfsTime time)
    {
        text = text.Trim();
        time = Missing;
        // Fast path for the two canonical shapes: H:MM:SS and HH:MM:SS (also HHH:MM:SS for long night services).
        var len = text.Length;
        if (len < 7 || len > 9 || text[len - 3] != ':' || text[len - 6] != ':')
        {
            return false;
        }

        var hours = 0;
        for (var i = 0; i < len - 6; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            hours = (hours * 10) + d;
        }

        var m1 = text[len - 5] - '0';
        var m2 = text[len - 4] - '0';
        var s1 = text[len - 2] - '0';
        var s2 = text[len - 1] - '0';
        if ((uint)m1 > 5 || (uint)m2 > 9 || (uint)s1 > 5 || (uint)s2 > 9)
        {
            return false;
        }

        time = new GtfsTime((hours * 3600) + (((m1 * 10) + m2) * 60) + (s1 * 10) + s2);
        return true;
    }

    public static GtfsTime Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a GTFS time (H:MM:SS).");

    /// <summary>This time modulo 24 h, as gtfs_kit's time series do for trips running past midnight.</summary>
    public int SecondsModulo24h => TotalSeconds % 86400;

    public int CompareTo(GtfsTime other) => TotalSeconds.CompareTo(other.TotalSeconds);

    public static bool operator <(GtfsTime left, GtfsTime right) => left.TotalSeconds < right.TotalSeconds;

    public static bool operator >(GtfsTime left, GtfsTime right) => left.TotalSeconds > right.TotalSeconds;

    public static bool operator <=(GtfsTime left, GtfsTime right) => left.TotalSeconds <= right.TotalSeconds;

    public static bool operator >=(GtfsTime left, GtfsTime right) => left.TotalSeconds >= right.TotalSeconds;

    /// <summary>HH:MM:SS with two-digit hours at least (gtfs_kit's seconds_to_timestr), empty when missing.</summary>
    public override string ToString() => IsMissing ? string.Empty : Format(TotalSeconds);

    public static string Format(int totalSeconds)
    {
        var h = totalSeconds / 3600;
        var m = (totalSeconds % 3600) / 60;
        var s = totalSeconds % 60;
        return string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}:{s:00}");
    }
}
