using System.Globalization;
using System.Text.Json;

namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// Reads the fields of one MDS JSON object by the rules of the OpenAPI data types (uuid pattern, ms timestamps,
/// integer-positive, length-limited strings, enums, gps) and collects every missing or bad parameter instead of
/// stopping at the first, so one answer lists all that is wrong with the item.
/// A JSON <c>null</c> on an optional field is read as absent: many clients serialise unset fields that way.
/// </summary>
public sealed class MdsJsonItemReader
{
    /// <summary>data-types/timestamp.yaml minimum: 2018-01-01T00:00:00Z in milliseconds.</summary>
    public const long MinimumTimestampMs = 1514764800000;

    private readonly JsonElement _item;
    private readonly string _prefix;
    private readonly List<string> _missing;
    private readonly List<string> _bad;
    private readonly List<string> _reasons;

    public MdsJsonItemReader(JsonElement item) : this(item, "", [], [], [])
    {
    }

    private MdsJsonItemReader(JsonElement item, string prefix, List<string> missing, List<string> bad, List<string> reasons)
    {
        _item = item;
        _prefix = prefix;
        _missing = missing;
        _bad = bad;
        _reasons = reasons;
    }

    public bool IsObject => _item.ValueKind == JsonValueKind.Object;
    public bool HasProblems => _missing.Count > 0 || _bad.Count > 0;

    public MdsItemCheck<T> Finish<T>(T? item) where T : class =>
        HasProblems ? new MdsItemCheck<T>(null, _missing.ToArray(), _bad.ToArray(), _reasons.ToArray()) : new MdsItemCheck<T>(item!, [], [], []);

    public void Bad(string field, string reason)
    {
        var name = _prefix + field;
        if (!_bad.Contains(name))
        {
            _bad.Add(name);
        }
        _reasons.Add($"{name}: {reason}");
    }

    private void Missing(string field)
    {
        var name = _prefix + field;
        _missing.Add(name);
        _reasons.Add($"{name}: required");
    }

    private bool TryGet(string field, bool required, out JsonElement value)
    {
        if (_item.ValueKind == JsonValueKind.Object && _item.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        if (required)
        {
            Missing(field);
        }
        return false;
    }

    public bool Has(string field) =>
        _item.ValueKind == JsonValueKind.Object && _item.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    public Guid? Uuid(string field, bool required)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        return ParseUuid(value, field);
    }

    private Guid? ParseUuid(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.String && IsSpecUuid(value.GetString()!))
        {
            return Guid.ParseExact(value.GetString()!, "D");
        }
        Bad(field, $"'{Shorten(value)}' is not a lowercase UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        return null;
    }

    /// <summary>The pattern of data-types/uuid.yaml: <c>^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$</c>.</summary>
    public static bool IsSpecUuid(string s)
    {
        if (s.Length != 36)
        {
            return false;
        }
        for (var i = 0; i < 36; i++)
        {
            var c = s[i];
            var ok = i is 8 or 13 or 18 or 23 ? c == '-' : c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    public long? Timestamp(string field, bool required)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var ms))
        {
            Bad(field, $"'{Shorten(value)}' is not an integer number of milliseconds since the epoch");
            return null;
        }
        if (ms < MinimumTimestampMs)
        {
            // Seconds since the epoch for any date between 2001 and 5138 have 10 or 11 digits; a millisecond
            // value that small would be 1970, so the likely mistake is the unit, and naming it saves a round trip.
            Bad(field, ms is >= 1_000_000_000 and < 100_000_000_000
                ? $"{ms} looks like seconds since the epoch; MDS timestamps are milliseconds"
                : $"{ms} is before the MDS minimum {MinimumTimestampMs} (2018-01-01)");
            return null;
        }
        return ms;
    }

    public string? String(string field, bool required, int maxLength = 255)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Bad(field, "must be a string");
            return null;
        }
        var s = value.GetString()!;
        if (s.Length > maxLength || s.Contains('\n') || s.Contains('\r'))
        {
            Bad(field, $"must be a single line of at most {maxLength} characters");
            return null;
        }
        return s;
    }

    public string? Enum(string field, IReadOnlySet<string> allowed, bool required)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString()!))
        {
            Bad(field, $"'{Shorten(value)}' is not one of the allowed values");
            return null;
        }
        return value.GetString();
    }

    public IReadOnlyList<string>? EnumArray(string field, IReadOnlySet<string> allowed, bool required, int minItems)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Bad(field, "must be an array");
            return null;
        }
        var list = new List<string>(value.GetArrayLength());
        foreach (var e in value.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String || !allowed.Contains(e.GetString()!))
            {
                Bad(field, $"'{Shorten(e)}' is not one of the allowed values");
                return null;
            }
            if (list.Contains(e.GetString()!))
            {
                Bad(field, $"'{e.GetString()}' appears twice; items must be unique");
                return null;
            }
            list.Add(e.GetString()!);
        }
        if (list.Count < minItems)
        {
            Bad(field, $"needs at least {minItems} item(s)");
            return null;
        }
        return list;
    }

    public IReadOnlyList<string>? StringArray(string field)
    {
        if (!TryGet(field, false, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Bad(field, "must be an array of strings");
            return null;
        }
        var list = value.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            Bad(field, "items must be unique");
            return null;
        }
        return list;
    }

    /// <summary>data-types/uuid-array.yaml: unique UUIDs. Absent gives an empty list.</summary>
    public IReadOnlyList<Guid> UuidArray(string field, bool required, int minItems = 0)
    {
        if (!TryGet(field, required, out var value))
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Bad(field, "must be an array of UUIDs");
            return [];
        }
        var list = new List<Guid>(value.GetArrayLength());
        foreach (var e in value.EnumerateArray())
        {
            var id = ParseUuid(e, field);
            if (id is null)
            {
                return [];
            }
            if (list.Contains(id.Value))
            {
                Bad(field, $"'{id}' appears twice; items must be unique");
                return [];
            }
            list.Add(id.Value);
        }
        if (list.Count < minItems)
        {
            Bad(field, $"needs at least {minItems} item(s)");
        }
        return list;
    }

    /// <summary>data-types/integer-positive.yaml (an integer &gt;= 0), with an optional maximum.</summary>
    public long? IntegerPositive(string field, bool required, long? maximum = null)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 0 || (maximum is not null && n > maximum))
        {
            Bad(field, maximum is null
                ? $"'{Shorten(value)}' is not an integer >= 0"
                : $"'{Shorten(value)}' is not an integer between 0 and {maximum}");
            return null;
        }
        return n;
    }

    /// <summary>data-types/currency-cost.yaml: an integer amount in the currency's minor unit (may be negative for credits).</summary>
    public long? Integer(string field)
    {
        if (!TryGet(field, false, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n))
        {
            Bad(field, $"'{Shorten(value)}' is not an integer");
            return null;
        }
        return n;
    }

    public double? Number(string field, bool required, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !double.IsFinite(d) || d < min || d > max)
        {
            Bad(field, double.IsFinite(min) ? $"'{Shorten(value)}' is not a number between {min} and {max}" : $"'{Shorten(value)}' is not a number");
            return null;
        }
        return d;
    }

    public bool? Boolean(string field)
    {
        if (!TryGet(field, false, out var value))
        {
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Bad(field, "must be true or false");
            return null;
        }
        return value.GetBoolean();
    }

    /// <summary>A free-form object or array field (attributes), returned as its raw JSON.</summary>
    public string? Raw(string field, bool allowArray)
    {
        if (!TryGet(field, false, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object && !(allowArray && value.ValueKind == JsonValueKind.Array))
        {
            Bad(field, allowArray ? "must be an object or an array" : "must be an object");
            return null;
        }
        return value.GetRawText();
    }

    /// <summary>data-types/gps.yaml: <c>lat</c> and <c>lng</c> required, the rest optional numbers.</summary>
    public MdsGps? Gps(string field, bool required)
    {
        if (!TryGet(field, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Bad(field, "must be a gps object {lat, lng, ...}, not " + value.ValueKind.ToString().ToLowerInvariant());
            return null;
        }
        var inner = new MdsJsonItemReader(value, _prefix + field + ".", _missing, _bad, _reasons);
        var before = _missing.Count + _bad.Count;
        var lat = inner.Number("lat", true, -90, 90);
        var lng = inner.Number("lng", true, -180, 180);
        var gps = new MdsGps(
            lat ?? 0,
            lng ?? 0,
            inner.Number("altitude", false),
            inner.Number("heading", false),
            inner.Number("speed", false),
            inner.Number("horizontal_accuracy", false),
            inner.Number("vertical_accuracy", false),
            (int?)inner.IntegerPositive("satellites", false, int.MaxValue));
        return _missing.Count + _bad.Count == before ? gps : null;
    }

    private static string Shorten(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return text.Length <= 60 ? text : text[..57].ToString(CultureInfo.InvariantCulture) + "...";
    }
}
