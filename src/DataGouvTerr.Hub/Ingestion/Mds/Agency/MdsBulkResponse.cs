using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// models/response/bulk.yaml: <c>success</c> counts items durably stored or already known (a repeat of a stored
/// event, telemetry point or trip, same MDS id and same body, is accepted and not stored twice, per SPEC-NOTES),
/// <c>total</c> the items sent, <c>failures</c> the refused ones with the spec's error codes (an id already stored
/// with another body is one: <c>bad_param</c> on the id). Extensions of this hub: <c>already_known</c> says how many
/// of the successes were repeats; <c>notices</c> (left out when empty) names stored items with a data-quality doubt.
/// </summary>
public sealed record MdsBulkResponse(
    [property: JsonPropertyName("success")] int Success,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("failures")] IReadOnlyList<MdsBulkFailure> Failures,
    [property: JsonPropertyName("already_known")] int AlreadyKnown,
    [property: JsonPropertyName("notices")] IReadOnlyList<MdsBulkNotice>? Notices = null);

/// <summary>
/// A stored item the hub has a doubt about (e.g. <c>same_device_time</c>): its place in the batch, its MDS id, a
/// stable code and a sentence. The item is stored; the notice is for the operator to look into.
/// </summary>
public sealed record MdsBulkNotice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("description")] string Description);

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
