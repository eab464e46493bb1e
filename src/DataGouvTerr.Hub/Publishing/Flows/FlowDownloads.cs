using System.Globalization;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Publishing.Downloads;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// The download formats of the flow products (<see cref="DownloadFormat"/>), built from what the endpoint already
/// serialised for the caller: the plain CSV for the French CSV and the XLSX, the GeoJSON for the GeoPackage. So they
/// carry exactly the rows the access decision, releases and embargo let through, and the audit line is the endpoint's.
/// </summary>
internal static class FlowDownloads
{
    public static IResult Table(string format, string csv, MobilityContract contract, FlowProductMetadata metadata, IReadOnlyList<FlowProductRow> rows)
    {
        var about = DownloadAbout.Of(metadata, Stem(FrenchName(metadata.Product, FlowRowKinds.Od), metadata, rows));
        var table = DownloadTable.FromCsv(csv, ZoneNames(contract, metadata.Resolution));
        var bytes = format == DownloadFormat.Xlsx ? XlsxWorkbook.Write(table, about) : FrenchExcelCsv.Write(table);
        return Results.File(bytes, DownloadFormat.ContentType(format), $"{about.FileStem}.{DownloadFormat.Extension(format)}");
    }

    public static IResult GeoPackage(byte[] geoJson, string kind, FlowProductMetadata metadata, IReadOnlyList<FlowProductRow> rows)
    {
        var name = FrenchName(metadata.Product, kind);
        var about = DownloadAbout.Of(metadata, Stem(name, metadata, rows));
        var (layer, title) = kind switch
        {
            FlowRowKinds.Od => ("flux_origine_destination", "Flux origine-destination"),
            FlowRowKinds.Availability => ("disponibilite_vehicules", "Véhicules disponibles par zone"),
            _ => ("flux_par_zone", "Départs et arrivées par zone"),
        };
        var bytes = GeoPackageFile.Write(geoJson, layer, title, about);
        return Results.File(bytes, DownloadFormat.ContentType(DownloadFormat.GeoPackage), $"{about.FileStem}.gpkg");
    }

    /// <summary>Names by code when the resolution is one of the contract's named zone sets (communes: INSEE code → name); null for grids.</summary>
    public static IReadOnlyDictionary<string, string>? ZoneNames(MobilityContract contract, string resolution) =>
        contract.Zoning.ZoneSets.FirstOrDefault(z => z.Id == resolution) is { } set
            ? set.Zones.GroupBy(z => z.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal)
            : null;

    private static string FrenchName(string product, string kind) => product switch
    {
        Products.OdFlows when kind == FlowRowKinds.Zone => "flux-par-zone",
        Products.OdFlows => "flux-origine-destination",
        Products.FirstLastMile => "premier-dernier-kilometre",
        Products.Availability => "disponibilite-vehicules",
        _ => "indicateurs",
    };

    /// <summary>e.g. <c>flux-origine-destination_region-normandie_communes_2026-12-01_2026-12-04</c>: product, member, resolution, first and last day (legal time).</summary>
    private static string Stem(string name, FlowProductMetadata metadata, IReadOnlyList<FlowProductRow> rows)
    {
        if (rows.Count == 0)
        {
            return DownloadAbout.SafeStem(name, metadata.MemberId, metadata.Resolution);
        }
        string Day(long ms) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), TerritoryTime.Paris).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return DownloadAbout.SafeStem(name, metadata.MemberId, metadata.Resolution, Day(rows.Min(r => r.BinStartMs)), Day(rows.Max(r => r.BinEndMs) - 1));
    }
}
