using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>What a column holds, which decides how each download writes it.</summary>
public enum ColumnKind
{
    Text,
    Number,
    /// <summary>An instant with its offset (bin bounds, already in the territory's legal time).</summary>
    Instant,
    /// <summary>A calendar date (yyyy-MM-dd or GTFS yyyyMMdd).</summary>
    Date,
    Boolean,
}

public sealed record DownloadColumn(string Name, ColumnKind Kind);

/// <summary>
/// A product's table, typed: read back from the product's own plain CSV, so the French CSV, the XLSX and the CSV
/// machines read always have the same columns and rows (a column the product drops or adds follows by itself), with
/// each column's kind told by its name. Where a column holds a zone code of a named zone set (INSEE codes of
/// communes), a <c>…_nom</c> column with the zone's name is inserted right after it.
/// </summary>
public sealed partial class DownloadTable
{
    private static readonly HashSet<string> NumberColumns =
    [
        "trips", "trips_starting", "trips_ending", "trips_both", "mean_vehicles_available", "vehicles_observed",
        "median_duration_s", "median_distance_m", "vehicles", "trips_per_vehicle", "share_touching_stop",
        "stop_lat", "stop_lon", "num_routes", "num_trips", "max_headway", "min_headway", "mean_headway",
    ];

    private static readonly HashSet<string> ZoneColumns = ["origin", "destination", "zone"];

    private DownloadTable(IReadOnlyList<DownloadColumn> columns, IReadOnlyList<string?[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<DownloadColumn> Columns { get; }

    /// <summary>Cells as the plain CSV has them (invariant culture); null for an empty cell.</summary>
    public IReadOnlyList<string?[]> Rows { get; }

    /// <param name="csv">The product's plain CSV (RFC 4180, header row first).</param>
    /// <param name="zoneNames">Names by zone code when the resolution is a named zone set, else null.</param>
    public static DownloadTable FromCsv(string csv, IReadOnlyDictionary<string, string>? zoneNames)
    {
        var records = ParseCsv(csv);
        if (records.Count == 0)
        {
            return new DownloadTable([], []);
        }
        var header = records[0];
        var columns = new List<DownloadColumn>();
        var sources = new List<(int Index, bool Name)>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i] ?? "";
            columns.Add(new DownloadColumn(name, KindOf(name)));
            sources.Add((i, false));
            if (zoneNames is not null && ZoneColumns.Contains(name))
            {
                columns.Add(new DownloadColumn(name + "_nom", ColumnKind.Text));
                sources.Add((i, true));
            }
        }
        var rows = new List<string?[]>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            var row = new string?[sources.Count];
            for (var c = 0; c < sources.Count; c++)
            {
                var value = sources[c].Index < record.Length ? record[sources[c].Index] : null;
                row[c] = sources[c].Name ? (value is not null && zoneNames!.TryGetValue(value, out var zone) ? zone : null) : value;
            }
            rows.Add(row);
        }
        return new DownloadTable(columns, rows);
    }

    public static ColumnKind KindOf(string name) => name switch
    {
        "bin_start" or "bin_end" => ColumnKind.Instant,
        "day" or "date" => ColumnKind.Date,
        _ when name.EndsWith("suppressed", StringComparison.Ordinal) => ColumnKind.Boolean,
        _ when NumberColumns.Contains(name) || HourColumn().IsMatch(name) => ColumnKind.Number,
        _ => ColumnKind.Text,
    };

    public static double? Number(string? cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The clock time and date as written (bin bounds are already in legal time; the offset only disambiguates).</summary>
    public static DateTime? Instant(string? cell) =>
        DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value.DateTime : null;

    public static DateTime? Date(string? cell) =>
        DateTime.TryParseExact(cell, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    public static bool? Boolean(string? cell) => cell switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold a comma, a quote or a line break; an empty field is null.</summary>
    private static List<string?[]> ParseCsv(string csv)
    {
        var records = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
                    records.Add([.. fields]);
                    fields.Clear();
                    field.Clear();
                    wasQuoted = false;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }

    [GeneratedRegex("^h[0-9]{2}$")]
    private static partial Regex HourColumn();
}
