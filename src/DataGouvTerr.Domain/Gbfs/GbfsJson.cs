using System.Globalization;
using System.Text.Json;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// Lenient accessors over <see cref="JsonElement"/>: real feeds send 0/1 for booleans, numbers for string ids and
/// strings for numbers, so each accessor accepts the near-miss and reports it through the <c>onWrongType</c> callback.
/// </summary>
internal static class GbfsJson
{
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement obj, string name, Action<string, string>? onWrongType = null)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                onWrongType?.Invoke(name, value.GetRawText());
                return value.GetRawText();
            default:
                onWrongType?.Invoke(name, value.GetRawText());
                return null;
        }
    }

    public static double? Double(JsonElement obj, string name, Action<string, string>? onWrongType = null)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }

        onWrongType?.Invoke(name, Shorten(value.GetRawText()));
        return value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    public static int? Int(JsonElement obj, string name, Action<string, string>? onWrongType = null)
    {
        var number = Double(obj, name, onWrongType);
        if (number is not { } n || double.IsNaN(n) || n > int.MaxValue || n < int.MinValue)
        {
            return null;
        }

        if (n != Math.Floor(n))
        {
            onWrongType?.Invoke(name, n.ToString(CultureInfo.InvariantCulture));
        }

        return (int)n;
    }

    public static bool? Bool(JsonElement obj, string name, Action<string, string>? onWrongType = null)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when value.TryGetInt32(out var i) && (i == 0 || i == 1):
                // Vélib' sends 0/1: accepted with a notice.
                onWrongType?.Invoke(name, value.GetRawText());
                return i == 1;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var b):
                onWrongType?.Invoke(name, value.GetRawText());
                return b;
            default:
                onWrongType?.Invoke(name, Shorten(value.GetRawText()));
                return null;
        }
    }

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
