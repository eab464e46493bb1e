using System.Globalization;
using System.Text.Json;
using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// Reads GBFS timestamps: POSIX seconds in 2.x, RFC 3339 in 3.0 (SPEC-NOTES). Either form is accepted in either
/// version with a notice. An integer above 10^11 cannot be seconds (that is year 5138): it is taken as
/// milliseconds, converted, and reported as <see cref="GbfsNoticeCodes.TimestampInMilliseconds"/>.
/// </summary>
public static class GbfsTimestamp
{
    /// <summary>Largest value read as seconds; above it a number is milliseconds.</summary>
    public const long MaxPlausibleSeconds = 100_000_000_000;

    public static DateTimeOffset? Read(JsonElement value, GbfsVersion version, NoticeLocation location, GbfsNoticeCollector notices)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out var number):
                if (version.IsV3)
                {
                    notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Warning, location with { Value = value.GetRawText() },
                        "GBFS 3.0 timestamps are RFC 3339 strings; a number was read as POSIX time.");
                }

                return FromNumber(number, location, notices);
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric))
                {
                    notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Warning, location with { Value = text },
                        "Timestamp is a number inside a string.");
                    return FromNumber(numeric, location, notices);
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    if (!version.IsV3)
                    {
                        notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Warning, location with { Value = text },
                            "GBFS 2.x timestamps are POSIX seconds; an RFC 3339 string was read.");
                    }

                    return parsed.ToUniversalTime();
                }

                break;
        }

        notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Error, location with { Value = GbfsJson.Shorten(value.GetRawText()) },
            "Timestamp is neither POSIX seconds nor RFC 3339.");
        return null;
    }

    private static DateTimeOffset? FromNumber(double number, NoticeLocation location, GbfsNoticeCollector notices)
    {
        if (number < 0 || double.IsNaN(number))
        {
            notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Error, location with { Value = number.ToString(CultureInfo.InvariantCulture) },
                "Timestamp is negative.");
            return null;
        }

        if (number > MaxPlausibleSeconds)
        {
            notices.Add(GbfsNoticeCodes.TimestampInMilliseconds, NoticeSeverity.Error,
                location with { Value = number.ToString("0", CultureInfo.InvariantCulture) },
                "Timestamp looks like milliseconds since the epoch; GBFS uses seconds. Read as milliseconds.");
            number /= 1000;
        }

        return number > MaxPlausibleSeconds ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000));
    }
}
