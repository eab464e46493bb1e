using System.Globalization;

namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// Parsers for GTFS field formats, on spans so that the stop_times pass allocates nothing per row.
/// Times are seconds since noon minus 12 h of the service day and may exceed 24:00:00.
/// </summary>
public static class GtfsFieldParser
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInEmail = System.Buffers.SearchValues.Create(" \t,;<>");

    /// <summary>H:MM:SS or HH:MM:SS, hours up to 3 digits (services run past midnight).</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, out int seconds)
    {
        seconds = 0;
        var firstColon = s.IndexOf(':');
        if (firstColon < 1 || firstColon > 3 || s.Length != firstColon + 6 || s[firstColon + 3] != ':')
        {
            return false;
        }
        var hours = 0;
        for (var i = 0; i < firstColon; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            hours = (hours * 10) + (s[i] - '0');
        }
        if (!TwoDigits(s.Slice(firstColon + 1, 2), out var minutes) || !TwoDigits(s.Slice(firstColon + 4, 2), out var secs)
            || minutes > 59 || secs > 59)
        {
            return false;
        }
        seconds = (hours * 3600) + (minutes * 60) + secs;
        return true;
    }

    /// <summary>YYYYMMDD, a real calendar date.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date) =>
        DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Six hexadecimal digits without '#'.</summary>
    public static bool IsColor(ReadOnlySpan<char> s)
    {
        if (s.Length != 6)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>An absolute http(s) URL with a host, as the validator's URL check (scheme required).</summary>
    public static bool IsUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && !s.Any(char.IsWhiteSpace);

    /// <summary>local@domain.tld, without spaces: the pragmatic check mail clients make.</summary>
    public static bool IsEmail(ReadOnlySpan<char> s)
    {
        var at = s.IndexOf('@');
        if (at < 1 || at != s.LastIndexOf('@') || s.ContainsAny(ForbiddenInEmail))
        {
            return false;
        }
        var domain = s[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2;
    }

    /// <summary>Digits, spaces and the usual punctuation, with at least three digits.</summary>
    public static bool IsPhoneNumber(ReadOnlySpan<char> s)
    {
        var digits = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '+' or '-' or '.' or '(' or ')' or '/' || char.IsAsciiLetter(c)))
            {
                return false;
            }
        }
        return digits >= 3;
    }

    public static bool TryParseInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1]))
        {
            return false;
        }
        value = ((s[0] - '0') * 10) + (s[1] - '0');
        return true;
    }
}
