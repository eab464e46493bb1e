using System.Globalization;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Hub.Publishing.Flows;

namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>
/// What a downloaded file says about itself, in French: the "À propos" sheet of an XLSX and the <c>a_propos</c> table
/// of a GeoPackage, so a file passed on by e-mail still states the contract and privacy terms it was built under.
/// </summary>
public sealed record DownloadAbout(string FileStem, IReadOnlyList<(string Label, string Value)> Lines)
{
    private static readonly NumberFormatInfo French = FrenchNumbers.Format;

    /// <summary>Release metadata of a flow product (contract version, ε, δ, τ, resolution, bin, scope, delay).</summary>
    public static DownloadAbout Of(FlowProductMetadata m, string fileStem)
    {
        var lines = new List<(string, string)>
        {
            ("Produit", m.Product),
            ("Membre", m.MemberId),
            ("Version du contrat", m.ContractVersion),
            ("Seuil de diffusion (k)", m.MinCount.ToString(French)),
            ("Résolution", m.Resolution),
            ("Pas de temps", Readable(m.TimeBin)),
            ("Périmètre", m.Scope),
            ("Délai de mise à disposition", Readable(m.Delay)),
        };
        if (m.Privacy is { } p)
        {
            lines.Add(("ε (epsilon)", p.Epsilon.ToString("0.######", French)));
            lines.Add(("δ (delta)", p.Delta.ToString("0.##########", French)));
            lines.Add(("Seuil τ", p.Threshold.ToString("0.######", French)));
        }
        if (m.ReleaseId is { } release)
        {
            lines.Add(("Publication", release));
        }
        if (m.NotAfter is { } notAfter)
        {
            lines.Add(("Données jusqu'au", FrenchInstant(notAfter)));
        }
        lines.Add(("Secret statistique", "une valeur vide est une valeur non publiée (sous le seuil), jamais un zéro"));
        lines.Add(("Heures", "heure légale de Paris"));
        return new DownloadAbout(fileStem, lines);
    }

    /// <summary>"1 h", "1 jour", "15 min": durations as a French reader says them (the API keeps ISO 8601).</summary>
    public static string Readable(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => span.TotalDays == 1 ? "1 jour" : $"{span.TotalDays.ToString(French)} jours",
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => $"{span.TotalHours.ToString(French)} h",
        _ => $"{span.TotalMinutes.ToString(French)} min",
    };

    public static string FrenchInstant(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TerritoryTime.Paris).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A file name with no accent, space or slash, safe in every browser and file system.</summary>
    public static string SafeStem(params string[] parts) =>
        string.Join('_', parts.Where(p => !string.IsNullOrEmpty(p)).Select(p => new string([.. p.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '-')])));
}
