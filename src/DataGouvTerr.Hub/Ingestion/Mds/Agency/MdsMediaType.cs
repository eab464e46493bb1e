using Microsoft.Net.Http.Headers;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// MDS content negotiation: requests and responses are <c>application/vnd.mds+json;version=2.0</c>. Plain
/// <c>application/json</c> (what the OpenAPI request bodies declare) and a missing version are read as 2.0;
/// another MDS version in Accept or Content-Type is answered 406, a body that is not JSON 415.
/// </summary>
public static class MdsMediaType
{
    public const string Version = "2.0";
    public const string MediaType = "application/vnd.mds+json";
    public const string ContentType = MediaType + ";version=" + Version;

    /// <summary>Problem to answer, or null when the request's headers are acceptable.</summary>
    public static IResult? Check(HttpRequest request, bool hasBody)
    {
        var acceptProblem = CheckAccept(request);
        if (acceptProblem is not null)
        {
            return acceptProblem;
        }
        return hasBody ? CheckContentType(request) : null;
    }

    private static IResult? CheckAccept(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return null;
        }
        string? refusedVersion = null;
        foreach (var range in ranges)
        {
            var type = range.MediaType.Value ?? "";
            if (type is "*/*" or "application/*" or "application/json")
            {
                return null;
            }
            if (type.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
            {
                var version = VersionOf(range);
                if (version is null || version == Version)
                {
                    return null;
                }
                refusedVersion = version;
            }
        }
        return MdsProblems.Problem(406, "MDS version not acceptable", "Accept",
            refusedVersion is null
                ? $"Accept '{accept}' offers no type this hub answers; use {ContentType}."
                : $"MDS version {refusedVersion} is not supported; this hub speaks MDS {Version} ({ContentType}).");
    }

    private static IResult? CheckContentType(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return MdsProblems.Problem(415, "Missing content type", "Content-Type", $"Send the items as {ContentType}.");
        }
        var name = type.MediaType.Value ?? "";
        if (name.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (name.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            var version = VersionOf(type);
            return version is null || version == Version
                ? null
                : MdsProblems.Problem(406, "MDS version not supported", "Content-Type",
                    $"The body is declared as MDS {version}; this hub reads MDS {Version} ({ContentType}).");
        }
        return MdsProblems.Problem(415, "Unsupported content type", "Content-Type", $"'{request.ContentType}' is not JSON; send {ContentType}.");
    }

    private static string? VersionOf(MediaTypeHeaderValue value) =>
        value.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"');
}
