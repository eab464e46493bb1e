namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>RFC 9457 problem details for requests refused as a whole, naming the field and the reason.</summary>
public static class MdsProblems
{
    public const string TypeBase = "https://datagouvterr.fr/problems/mds/";

    public static IResult Problem(int status, string title, string field, string reason) =>
        Results.Problem(
            statusCode: status,
            title: title,
            detail: reason,
            type: TypeBase + title.ToLowerInvariant().Replace(' ', '-'),
            extensions: new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason });
}
