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
        if (v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        {
            throw new BadParameterException("bbox", $"'{value}' is not a valid WGS84 box (min < max, within ±180/±90).");
        }
        return Factory.CreatePolygon([new(v[0], v[1]), new(v[2], v[1]), new(v[2], v[3]), new(v[0], v[3]), new(v[0], v[1])]);
    }

    public static TimeSpan ParseDuration(string field, string value)
    {
        var text = value.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
        {
            return TimeSpan.FromMinutes(minutes);
        }
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
                case 'w': return TimeSpan.FromDays(7 * n);
            }
        }
        throw new BadParameterException(field, $"'{value}' is not a duration such as 15m, 1h, 1d or 1w.");
    }

    public static DateTimeOffset ParseInstant(string field, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new BadParameterException(field, $"'{value}' is not an ISO 8601 date or instant.");
}
