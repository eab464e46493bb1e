using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Hub.Governance;

/// <summary>
/// "A change to the current contract": a partial YAML document merged onto the version in force. Mappings merge key
/// by key (recursively); any other value, lists included, replaces the one in force. So a proposal names only what
/// it changes, e.g. <c>version</c>, <c>effective_date</c> and <c>zoning</c>.
/// </summary>
public static class ContractPatch
{
    /// <summary>The merged YAML, or null with the reason when either text is not a YAML mapping.</summary>
    public static (string? Yaml, string? Error) Apply(string currentYaml, string changesYaml)
    {
        var current = Read(currentYaml);
        var changes = Read(changesYaml);
        if (current is null || changes is null)
        {
            return (null, changes is null
                ? "the changes are not a YAML mapping of the contract's keys (e.g. version: \"2026.2\", zoning: {...})"
                : "the contract in force cannot be read as YAML");
        }
        Merge(current, changes);
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(current)).Save(writer, assignAnchors: false);
        return (writer.ToString(), null);
    }

    private static void Merge(YamlMappingNode target, YamlMappingNode changes)
    {
        foreach (var (key, value) in changes.Children)
        {
            if (target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode existingMap && value is YamlMappingNode valueMap)
            {
                Merge(existingMap, valueMap);
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }

    private static YamlMappingNode? Read(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }
}
