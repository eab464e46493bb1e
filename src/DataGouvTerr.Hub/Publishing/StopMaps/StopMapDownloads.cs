using System.Globalization;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Publishing.Downloads;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// Stop maps as French CSV, XLSX and GeoPackage (<see cref="DownloadFormat"/>), built from the rows the endpoint read
/// for the caller's area: the plain CSV gives the table, the GeoJSON the features, so every format holds the same stops.
/// </summary>
internal static class StopMapDownloads
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IResult File(string format, IReadOnlyList<StopMapRow> rows, string memberId)
    {
        var date = rows.Select(r => r.Date).FirstOrDefault(d => d is not null);
        var stem = DownloadAbout.SafeStem("carte-des-arrets", memberId, date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        var about = new DownloadAbout(stem,
        [
            ("Produit", Products.StopMaps),
            ("Membre", memberId),
            ("Jour de service", date is { } d ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "jour de semaine représentatif"),
            ("Arrêts", rows.Count.ToString(CultureInfo.InvariantCulture)),
            ("Source", "version en vigueur de chaque flux GTFS ; statistiques d'arrêt au sens de gtfs_kit"),
            ("Intervalles", "max_headway, min_headway, mean_headway en minutes, entre 07:00 et 19:00"),
            ("Heures", "heures GTFS (25:10:00 = 01:10 le lendemain)"),
        ]);
        byte[] bytes = format switch
        {
            DownloadFormat.GeoPackage => GeoPackageFile.Write(JsonSerializer.SerializeToUtf8Bytes(StopMapFormats.FeatureCollection(rows), Web), "arrets", "Arrêts et fréquences", about),
            DownloadFormat.Xlsx => XlsxWorkbook.Write(DownloadTable.FromCsv(StopMapFormats.Csv(rows), zoneNames: null), about),
            _ => FrenchExcelCsv.Write(DownloadTable.FromCsv(StopMapFormats.Csv(rows), zoneNames: null)),
        };
        return Results.File(bytes, DownloadFormat.ContentType(format), $"{stem}.{DownloadFormat.Extension(format)}");
    }
}
