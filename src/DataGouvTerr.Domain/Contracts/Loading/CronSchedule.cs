using System.Globalization;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// Checks a feed's polling schedule before Hangfire ever sees it: the standard five cron fields (minute hour
/// day-of-month month day-of-week) with <c>*</c>, <c>?</c>, numbers, ranges, steps, lists and English month and
/// day names, or a macro such as <c>@hourly</c>. That is the subset every cron reader (Hangfire's Cronos
/// included) agrees on; seconds fields and Quartz extensions (<c>L</c>, <c>W</c>, <c>#</c>) are refused.
/// </summary>
internal static class CronSchedule
{
    private static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@every_minute"];
    private static readonly string[] FieldNames = ["minute", "hour", "day of month", "month", "day of week"];
    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Null when <paramref name="expression"/> is a valid schedule, otherwise why not.</summary>
    public static string? Check(string expression)
    {
        var text = expression.Trim();
        if (text.StartsWith('@'))
        {
            return Macros.Contains(text, StringComparer.OrdinalIgnoreCase)
                ? null
                : $"'{expression}' is not a cron macro; use one of {string.Join(", ", Macros)} or five fields";
        }
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return $"'{expression}' has {fields.Length} fields; a cron schedule has five: minute hour day-of-month month day-of-week";
        }
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var element in fields[i].Split(','))
            {
                if (!IsValidElement(element, i))
                {
                    return $"'{element}' is not a valid {FieldNames[i]} in cron schedule '{expression}' (allowed {Ranges[i].Min}-{Ranges[i].Max})";
                }
            }
        }
        return null;
    }

    private static bool IsValidElement(string element, int field)
    {
        var slash = element.Split('/');
        if (slash.Length > 2)
        {
            return false;
        }
        if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1 || step > Ranges[field].Max))
        {
            return false;
        }
        var range = slash[0];
        if (range == "*" || (range == "?" && field is 2 or 4))
        {
            return true;
        }
        var bounds = range.Split('-');
        if (bounds.Length > 2 || bounds.Any(b => Value(b, field) is null))
        {
            return false;
        }
        return bounds.Length == 1 || Value(bounds[0], field) <= Value(bounds[1], field);
    }

    private static int? Value(string text, int field)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= Ranges[field].Min && number <= Ranges[field].Max ? number : null;
        }
        var names = field switch { 3 => MonthNames, 4 => DayNames, _ => [] };
        var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + (field == 3 ? 1 : 0);
    }
}
