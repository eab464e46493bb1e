using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// A YAML mapping read against the keys it may hold. Unknown keys are errors (a typo such as <c>min_cout</c> must
/// never be ignored silently, or a right would fall back to a default), and every typed getter reports a wrong
/// type or a missing required key at its YAML path and returns null so reading can continue.
/// </summary>
internal sealed class YamlMap
{
    private readonly ContractReadContext _context;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    private YamlMap(ContractReadContext context, YamlMappingNode node, string path)
    {
        _context = context;
        Node = node;
        Path = path;
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    /// <summary>Reads <paramref name="node"/> as a mapping whose keys must be among <paramref name="allowedKeys"/>.</summary>
    public static YamlMap? Read(ContractReadContext context, YamlNode? node, string path, params string[] allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            context.Error(path, node, $"expected a mapping (key: value lines), found {Describe(node)}");
            return null;
        }
        var map = new YamlMap(context, mapping, path);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                context.Error(path, keyNode, "keys must be plain names");
                continue;
            }
            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                var hint = ClosestKey(key, allowedKeys) is { } close ? $"did you mean '{close}'? " : "";
                context.Error(map.Child(key), keyNode, $"unknown key '{key}': {hint}expected one of {string.Join(", ", allowedKeys)}");
                continue;
            }
            map._values[key] = value;
        }
        return map;
    }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value node of <paramref name="key"/>, or null when absent or written as an explicit null.</summary>
    public YamlNode? Get(string key) => _values.TryGetValue(key, out var value) && !IsNull(value) ? value : null;

    public bool Has(string key) => Get(key) is not null;

    /// <summary>Reports a missing required key at this mapping.</summary>
    public void Missing(string key) => _context.Error(Child(key), Node, $"required key '{key}' is missing");

    public string? String(string key, bool required)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key);
            }
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            _context.Error(Child(key), node, $"expected a text value, found {Describe(node)}");
            return null;
        }
        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            _context.Error(Child(key), node, "must not be empty");
            return null;
        }
        return scalar.Value;
    }

    public int? Int(string key, bool required)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _context.Error(Child(key), Get(key), $"expected a whole number, found '{text}'");
            return null;
        }
        return value;
    }

    /// <summary>A decimal number (<c>1.0</c>, <c>0.5</c>, <c>1.0e-6</c>), read exactly (no binary floating point).</summary>
    public decimal? Decimal(string key, bool required)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var value))
        {
            _context.Error(Child(key), Get(key), $"expected a number, found '{text}'");
            return null;
        }
        return value;
    }

    public bool? Bool(string key, bool required)
    {
        var text = String(key, required);
        switch (text)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                _context.Error(Child(key), Get(key), $"expected true or false, found '{text}'");
                return null;
        }
    }

    /// <summary>One of the snake_case words of <paramref name="words"/>, mapped to its value.</summary>
    public T? Word<T>(string key, bool required, IReadOnlyDictionary<string, T> words)
        where T : struct
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }
        if (!words.TryGetValue(text, out var value))
        {
            _context.Error(Child(key), Get(key), $"'{text}' is not one of {string.Join(", ", words.Keys)}");
            return null;
        }
        return value;
    }

    /// <summary>The items of a sequence with their YAML paths (<c>members[0]</c>…); empty when absent or not a sequence.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)> Sequence(string key, bool required)
    {
        var node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key);
            }
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            _context.Error(Child(key), node, $"expected a list, found {Describe(node)}");
            return [];
        }
        return sequence.Children.Select((item, i) => (item, $"{Child(key)}[{i}]")).ToList();
    }

    /// <summary>A list of text values (e.g. <c>amendable_by</c>), each with its path and node.</summary>
    public IReadOnlyList<(string Value, string Path, YamlNode Node)> Strings(string key, bool required)
    {
        var items = new List<(string, string, YamlNode)>();
        foreach (var (node, path) in Sequence(key, required))
        {
            if (node is YamlScalarNode { Value: { } value } && !IsNull(node) && !string.IsNullOrWhiteSpace(value))
            {
                items.Add((value, path, node));
            }
            else
            {
                _context.Error(path, node, $"expected a text value, found {Describe(node)}");
            }
        }
        return items;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode? node) => node switch
    {
        null => "nothing",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unexpected node",
    };

    /// <summary>Suggests the allowed key within two edits of a typo, as most misspellings are.</summary>
    private static string? ClosestKey(string key, IEnumerable<string> allowed) =>
        allowed.Select(a => (Key: a, Distance: EditDistance(key, a)))
            .Where(x => x.Distance <= 2)
            .OrderBy(x => x.Distance)
            .Select(x => x.Key)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
