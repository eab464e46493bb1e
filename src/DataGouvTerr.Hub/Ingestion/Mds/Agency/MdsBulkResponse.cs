using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// models/response/bulk.yaml: <c>success</c> counts items durably stored or already known (a repeat of a stored
/// event, telemetry point or trip is accepted and not stored twice, per SPEC-NOTES), <c>total</c> the items sent,
/// <c>failures</c> the refused ones with the spec's error codes. <c>already_known</c> is this hub's extension
/// saying how many of the successes were repeats.
/// </summary>
public sealed record MdsBulkResponse(
    [property: JsonPropertyName("success")] int Success,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("failures")] IReadOnlyList<MdsBulkFailure> Failures,
    [property: JsonPropertyName("already_known")] int AlreadyKnown);

/// <summary>One refused item of a bulk request (models/response/error_*.yaml), echoing the item as sent.</summary>
public sealed record MdsBulkFailure(
    [property: JsonPropertyName("item")] JsonElement Item,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("error_details")] IReadOnlyList<string> ErrorDetails);

/// <summary>How MDS JSON is written (snake_case names are set per property; nulls are left out as MDS does).</summary>
public static class MdsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Result(object body, int status) =>
        Results.Json(body, Options, MdsMediaType.ContentType, status);
}
