using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts;

/// <summary>
/// Makes a contract self-contained before it is stored as a version: each <c>geometry_file: path</c> and
/// <c>perimeter_file: path</c> is replaced, in place, by <c>geometry: '{...GeoJSON...}'</c> or
/// <c>perimeter: '{...}'</c> read from the file next to the contract. Everything else in the text (comments,
/// layout) is kept byte for byte, so the stored version still reads like the file its authors wrote, and it can be
/// reloaded later even where the geometry files are gone. References that cannot be read are left as they are, for
/// <see cref="ContractLoader"/> to report with their location.
/// </summary>
public static class ContractGeometryInliner
{
    /// <summary>Keeps accents and apostrophes readable in the stored text instead of \uXXXX escapes.</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string> InlineKeys = new(StringComparer.Ordinal)
    {
        ["geometry_file"] = "geometry",
        ["perimeter_file"] = "perimeter",
    };

    public static string Inline(string yaml, string baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return yaml;
        }
        var replacements = new List<(int Start, int End, string Text)>();
        foreach (var document in stream.Documents)
        {
            Collect(document.RootNode, baseDirectory, replacements);
        }
        var result = yaml;
        foreach (var (start, end, text) in replacements.OrderByDescending(r => r.Start))
        {
            result = string.Concat(result.AsSpan(0, start), text, result.AsSpan(end));
        }
        return result;
    }

    private static void Collect(YamlNode node, string baseDirectory, List<(int, int, string)> replacements)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: { } name } && InlineKeys.TryGetValue(name, out var inlineKey)
                        && value is YamlScalarNode { Value: { Length: > 0 } relative }
                        && ReadGeoJson(baseDirectory, relative) is { } json)
                    {
                        replacements.Add(((int)key.Start.Index, (int)value.End.Index, $"{inlineKey}: '{json.Replace("'", "''", StringComparison.Ordinal)}'"));
                    }
                    else
                    {
                        Collect(value, baseDirectory, replacements);
                    }
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Collect(item, baseDirectory, replacements);
                }
                break;
        }
    }

    /// <summary>The file's GeoJSON on one line, or null when it cannot be read as JSON (the loader then says why).</summary>
    private static string? ReadGeoJson(string baseDirectory, string relative)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(baseDirectory, relative));
            return JsonNode.Parse(text)?.ToJsonString(Compact);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
