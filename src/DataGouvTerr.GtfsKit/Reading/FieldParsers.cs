using System.Globalization;

namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>Span parsers for GTFS field types, shared by the record readers and the columnar readers.</summary>
public static class FieldParsers
{
    public static bool TryParseInt(ReadOnlySpan<char> text, out int value)
    {
        // Fast path: up to 9 plain digits cannot overflow; anything else goes through the framework parser.
        if (text.Length is > 0 and <= 9)
        {
            var v = 0;
            var i = 0;
            for (; i < text.Length; i++)
            {
                var d = text[i] - '0';
                if ((uint)d > 9)
                {
                    break;
                }

                v = (v * 10) + d;
            }

            if (i == text.Length)
            {
                value = v;
                return true;
            }
        }

        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        TryParseShortDecimal(text, out value)
        || (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

    /// <summary>Exact powers of ten representable as doubles (10^0 to 10^22).</summary>
    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// [-]digits[.digits] with at most 15 significant digits, the shape of nearly every GTFS coordinate and distance.
    /// Such a mantissa and 10^k (k ≤ 22) are exact doubles, so one IEEE division gives the correctly rounded value:
    /// the same double as double.Parse (Clinger's fast path), at a fraction of the cost.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 24)
        {
            return false;
        }

        var i = text[0] == '-' ? 1 : 0;
        var negative = i == 1;
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var d = text[i] - '0';
            if ((uint)d <= 9)
            {
                mantissa = (mantissa * 10) + (uint)d;
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (text[i] == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > 15)
        {
            return false;
        }

        var v = scale > 0 ? mantissa / PowersOfTen[scale] : mantissa;
        value = negative ? -v : v;
        return true;
    }

    /// <summary>YYYYMMDD, the only date form GTFS allows.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        text = text.Trim();
        value = default;
        return text.Length == 8
            && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
