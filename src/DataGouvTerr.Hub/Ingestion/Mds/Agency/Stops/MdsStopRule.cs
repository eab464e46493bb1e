using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Domain.Mds;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency.Stops;

/// <summary>A stop (models/stop.yaml) or a stop change (models/mutable-stop.yaml) that passed its model check.</summary>
public sealed record MdsStop(Guid StopId, Guid? ProviderId, long LastUpdatedMs, string? Name, MdsGps? Location, JsonObject Fields);

/// <summary>
/// Checks Agency stops against the MDS 2.0 models: <c>POST /stops</c> takes whole stops (stop.yaml: name, location,
/// status, capacity and the vehicle counts required), <c>PUT /stops</c> takes mutable-stop.yaml (stop_id and
/// last_updated required; only the mutable fields are read, others are ignored as that model does not name them).
/// vehicle-type-counts are objects keyed by a vehicle type with non-negative integer values (additionalProperties:
/// false). A missing field inside <c>status</c> is reported as <c>bad_param</c> on <c>status</c>: the spec's
/// missing_param names top-level parameters.
/// </summary>
public static class MdsStopRule
{
    /// <summary>The fields of mutable-stop.yaml, the only ones PUT /stops may change.</summary>
    public static readonly IReadOnlyList<string> MutableFields =
        ["status", "num_vehicles_available", "num_vehicles_disabled", "rental_methods", "num_places_available", "num_places_disabled", "devices"];

    private static readonly HashSet<string> RentalMethods = new(StringComparer.Ordinal)
    {
        "key", "creditcard", "paypass", "applepay", "androidpay", "transitcard", "accountnumber", "phone",
    };

    private static readonly string[] CountFields = ["capacity", "num_vehicles_available", "num_vehicles_disabled", "num_places_available", "num_places_disabled"];

    public static MdsItemCheck<MdsStop> CheckStop(JsonElement json) => Check(json, whole: true);

    public static MdsItemCheck<MdsStop> CheckChange(JsonElement json) => Check(json, whole: false);

    private static MdsItemCheck<MdsStop> Check(JsonElement json, bool whole)
    {
        var r = new MdsJsonItemReader(json);
        if (!r.IsObject)
        {
            r.Bad("item", "must be a JSON object");
            return r.Finish<MdsStop>(null);
        }
        var stopId = r.Uuid("stop_id", true);
        var lastUpdated = r.Timestamp("last_updated", true);
        string? name = null;
        MdsGps? location = null;
        Guid? providerId = null;
        if (whole)
        {
            name = r.String("name", true);
            location = r.Gps("location", true);
            providerId = r.Uuid("provider_id", false);
            r.Uuid("data_provider_id", false);
            r.Uuid("geography_id", false);
            r.Uuid("parent_stop", false);
            r.String("region_id", false);
            r.String("short_name", false);
            r.String("address", false);
            r.String("post_code", false);
            r.String("cross_street", false);
            CheckUrl(r, json, "image_url");
            foreach (var required in new[] { "status", "capacity", "num_vehicles_available", "num_vehicles_disabled" })
            {
                // Reading the field as a raw object makes the reader report it missing when absent.
                r.Raw(required, allowArray: false);
            }
        }
        CheckStatus(r, json);
        foreach (var field in CountFields)
        {
            CheckCounts(r, json, field);
        }
        r.EnumArray("rental_methods", RentalMethods, false, minItems: 0);
        r.UuidArray("devices", false);
        if (r.HasProblems)
        {
            return r.Finish<MdsStop>(null);
        }

        var fields = JsonNode.Parse(json.GetRawText())!.AsObject();
        if (!whole)
        {
            // Keep what mutable-stop.yaml defines; anything else in a PUT is not a change this endpoint makes.
            foreach (var key in fields.Select(p => p.Key).ToList())
            {
                if (key is not ("stop_id" or "last_updated") && !MutableFields.Contains(key))
                {
                    fields.Remove(key);
                }
            }
        }
        return r.Finish(new MdsStop(stopId!.Value, providerId, lastUpdated!.Value, name, location, fields));
    }

    private static void CheckStatus(MdsJsonItemReader r, JsonElement json)
    {
        if (!json.TryGetProperty("status", out var status) || status.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (status.ValueKind != JsonValueKind.Object)
        {
            r.Bad("status", "must be an object {is_installed, is_renting, is_returning}");
            return;
        }
        foreach (var flag in new[] { "is_installed", "is_renting", "is_returning" })
        {
            if (!status.TryGetProperty(flag, out var value))
            {
                r.Bad("status", $"{flag} is required");
            }
            else if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                r.Bad("status", $"{flag} must be true or false");
            }
        }
    }

    private static void CheckCounts(MdsJsonItemReader r, JsonElement json, string field)
    {
        if (!json.TryGetProperty(field, out var counts) || counts.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (counts.ValueKind != JsonValueKind.Object)
        {
            r.Bad(field, "must be an object of counts keyed by vehicle_type");
            return;
        }
        foreach (var property in counts.EnumerateObject())
        {
            if (!MdsVocabulary.VehicleTypes.Contains(property.Name))
            {
                r.Bad(field, $"'{property.Name}' is not a vehicle_type");
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var n) || n < 0)
            {
                r.Bad(field, $"the count of '{property.Name}' must be a non-negative integer");
            }
        }
    }

    private static void CheckUrl(MdsJsonItemReader r, JsonElement json, string field)
    {
        if (json.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            && (value.ValueKind != JsonValueKind.String || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out _)))
        {
            r.Bad(field, "must be an absolute URI");
        }
    }
}
