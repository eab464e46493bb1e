using System.Globalization;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// Durations as contracts write them: a whole number and a unit, <c>m</c> (minutes), <c>h</c>, <c>d</c> or
/// <c>w</c> (e.g. <c>15m</c>, <c>24h</c>, <c>7d</c>, <c>1w</c>), or a bare <c>0</c>. Months and years are not
/// accepted: their length varies, and an embargo or a time bin must mean the same thing every day.
/// </summary>
internal static class ContractDuration
{
    public const string Expected = "write a whole number followed by m, h, d or w (e.g. 15m, 24h, 7d), or 0";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        TimeSpan? unit = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }
        duration = unit.Value * amount;
        return true;
    }
}
