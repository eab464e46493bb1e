using System.Globalization;
using DataGouvTerr.Domain.Access;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Access;

/// <summary>A request parameter that could not be read: answered 400 with the field and the reason.</summary>
public sealed class BadParameterException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>
/// Reads the parameters every data endpoint shares: <c>bbox=minLon,minLat,maxLon,maxLat</c>, <c>resolution</c>,
/// <c>time_bin</c> (15m, 1h, 1d, 1w or minutes), <c>from</c> and <c>to</c> (ISO 8601).
/// </summary>
public static class AccessRequestBinder
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static AccessRequest Bind(HttpContext context, string memberId, string product)
    {
        var query = context.Request.Query;
        return new AccessRequest(
            memberId,
            product,
            Area: query.TryGetValue("bbox", out var bbox) ? ParseBbox(bbox.ToString()) : null,
            Resolution: query.TryGetValue("resolution", out var r) ? r.ToString() : null,
            TimeBin: query.TryGetValue("time_bin", out var bin) ? ParseDuration("time_bin", bin.ToString()) : null,
            WindowStart: query.TryGetValue("from", out var from) ? ParseInstant("from", from.ToString()) : null,
            WindowEnd: query.TryGetValue("to", out var to) ? ParseInstant("to", to.ToString()) : null);
    }

    public static Polygon ParseBbox(string value)
    {
        var parts = value.Split(',');
        if (parts.Length != 4 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new BadParameterException("bbox", $"'{value}' is not minLon,minLat,maxLon,maxLat in decimal degrees.");
        }
        var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (!v.All(double.IsFinite))
        {
            // NaN compares false with everything, so it slipped through the range checks below into the geometry.
            throw new BadParameterException("bbox", $"'{value}' holds a value that is not a finite number (NaN or Infinity).");
        }
        if (v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        {
            throw new BadParameterException("bbox", $"'{value}' is not a valid WGS84 box (min < max, within ±180/±90).");
        }
        return Factory.CreatePolygon([new(v[0], v[1]), new(v[2], v[1]), new(v[2], v[3]), new(v[0], v[3]), new(v[0], v[1])]);
    }

    /// <summary>Longest duration a parameter may name: a year (99999999d overflowed TimeSpan, 2147483647w wrapped to negative).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>Instants the hub can hold: from the Unix epoch (its stores count milliseconds from it) to 2100.</summary>
    public static readonly DateTimeOffset EarliestInstant = DateTimeOffset.UnixEpoch;
    public static readonly DateTimeOffset LatestInstant = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TimeSpan ParseDuration(string field, string value)
    {
        var text = value.Trim();
        // Counts are read as long and bounded before any TimeSpan is built, so no value overflows.
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
        {
            return Bounded(field, value, minutes, TimeSpan.FromMinutes(1));
        }
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 'm': return Bounded(field, value, n, TimeSpan.FromMinutes(1));
                case 'h': return Bounded(field, value, n, TimeSpan.FromHours(1));
                case 'd': return Bounded(field, value, n, TimeSpan.FromDays(1));
                case 'w': return Bounded(field, value, n, TimeSpan.FromDays(7));
            }
        }
        throw new BadParameterException(field, $"'{value}' is not a duration such as 15m, 1h, 1d or 1w.");
    }

    private static TimeSpan Bounded(string field, string value, long count, TimeSpan unit) =>
        count <= MaxDuration.Ticks / unit.Ticks
            ? TimeSpan.FromTicks(count * unit.Ticks)
            : throw new BadParameterException(field, $"'{value}' is longer than {MaxDuration.TotalDays} days.");

    public static DateTimeOffset ParseInstant(string field, string value)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw new BadParameterException(field, $"'{value}' is not an ISO 8601 date or instant.");
        }
        return CheckInstant(field, value, instant);
    }

    /// <summary>
    /// Refuses instants outside <see cref="EarliestInstant"/>..<see cref="LatestInstant"/>: year 1 or 9999 parse, but
    /// shifting them by a window or a time zone overflowed into a 500.
    /// </summary>
    public static DateTimeOffset CheckInstant(string field, string value, DateTimeOffset instant) =>
        instant >= EarliestInstant && instant < LatestInstant
            ? instant
            : throw new BadParameterException(field, $"'{value}' is outside the years the hub holds ({EarliestInstant.Year} to {LatestInstant.Year - 1}).");
}
