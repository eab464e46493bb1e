using System.Globalization;

namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>Span parsers for GTFS field types, shared by the record readers and the columnar readers.</summary>
public static class FieldParsers
{
    public static bool TryParseInt(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

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
