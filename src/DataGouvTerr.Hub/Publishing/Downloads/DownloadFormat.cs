namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>
/// The <c>format=</c> values a product endpoint answers besides its default: tables (CSV products) also come as CSV
/// for French Excel and as XLSX; spatial products (GeoJSON) also come as GeoPackage. The default stays what machines
/// already read (plain CSV, GeoJSON).
/// </summary>
public static class DownloadFormat
{
    public const string Csv = "csv";
    public const string CsvExcelFr = "csv-excel-fr";
    public const string Xlsx = "xlsx";
    public const string GeoJson = "geojson";
    public const string GeoPackage = "gpkg";

    /// <summary>What a table endpoint (plain CSV by default) accepts.</summary>
    public static readonly string[] Table = [Csv, CsvExcelFr, Xlsx];

    /// <summary>What a spatial endpoint (GeoJSON by default) accepts.</summary>
    public static readonly string[] Spatial = [GeoJson, GeoPackage];

    /// <summary>
    /// The format asked, or a 400 problem naming <c>format</c> when it is not one of <paramref name="allowed"/>
    /// (the first being the default when none is given).
    /// </summary>
    public static (string Format, IResult? Problem) Parse(string? asked, IReadOnlyList<string> allowed)
    {
        if (string.IsNullOrEmpty(asked))
        {
            return (allowed[0], null);
        }
        if (allowed.Contains(asked, StringComparer.Ordinal))
        {
            return (asked, null);
        }
        var reason = $"'{Shorten(asked)}' is not one of: {string.Join(", ", allowed)}.";
        return (allowed[0], Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [reason] },
            detail: $"Parameter 'format' is invalid: {reason}", statusCode: StatusCodes.Status400BadRequest));
    }

    /// <summary>Extra paths of a product in the listing: the same endpoint with each non-default format.</summary>
    public static IEnumerable<string> Variants(string path, IReadOnlyList<string> allowed) =>
        allowed.Skip(1).Select(f => $"{path}?format={f}");

    public static string Extension(string format) => format switch
    {
        CsvExcelFr => "csv",
        _ => format,
    };

    public static string ContentType(string format) => format switch
    {
        Csv => "text/csv; charset=utf-8",
        CsvExcelFr => "text/csv; charset=utf-8",
        Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        GeoPackage => "application/geopackage+sqlite3",
        _ => "application/geo+json",
    };

    // A hostile value is echoed in the problem, so keep it short.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
