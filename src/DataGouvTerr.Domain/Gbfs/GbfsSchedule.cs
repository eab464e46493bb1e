using System.Globalization;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// The longest interval between two polls that a contract's cron schedule allows. Only the shapes contracts use
/// are understood ("* * * * *", "*/N * * * *", "M * * * *", "M */N * * *"); anything else yields null and the
/// caller's default applies. A full cron engine is not needed to know "at least every N minutes".
/// </summary>
public static class GbfsSchedule
{
    public static TimeSpan? MaxInterval(string? cron)
    {
        var parts = cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 5 } || parts[2..].Any(p => p != "*"))
        {
            return null;
        }

        var (minute, hour) = (parts[0], parts[1]);
        if (hour == "*")
        {
            return minute switch
            {
                "*" => TimeSpan.FromMinutes(1),
                _ when Every(minute) is { } n => TimeSpan.FromMinutes(n),
                _ when IsNumber(minute) => TimeSpan.FromHours(1),
                _ => null,
            };
        }

        return IsNumber(minute) && Every(hour) is { } hours ? TimeSpan.FromHours(hours) : null;
    }

    private static int? Every(string field) =>
        field.StartsWith("*/", StringComparison.Ordinal) && int.TryParse(field[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static bool IsNumber(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
