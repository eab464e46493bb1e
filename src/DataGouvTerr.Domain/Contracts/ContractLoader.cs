using DataGouvTerr.Domain.Contracts.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts;

/// <summary>
/// Reads a mobility contract from YAML and validates all of it, reporting every error at once with its location
/// (file, YAML path, line and column). The format is described in <c>feeds/README.md</c>; the sample is
/// <c>feeds/contracts/sample-contract.yaml</c>. Never throws on bad content: an unreadable file or malformed YAML
/// is an error in the result like any other.
/// </summary>
public static class ContractLoader
{
    /// <summary>Loads a contract file; <c>geometry_file</c>/<c>perimeter_file</c> references resolve next to it.</summary>
    public static ContractLoadResult LoadFile(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ContractLoadResult(null, [new ContractError(path, "", $"cannot read the contract file: {e.Message}")]);
        }
        return Load(yaml, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Loads a contract from text (e.g. an upload); <paramref name="sourceName"/> names it in errors.</summary>
    public static ContractLoadResult Load(string yaml, string sourceName) => Load(yaml, sourceName, baseDirectory: null);

    /// <summary>As <see cref="Load(string, string)"/>, resolving relative geometry files against <paramref name="baseDirectory"/>.</summary>
    public static ContractLoadResult Load(string yaml, string sourceName, string? baseDirectory)
    {
        var context = new ContractReadContext(sourceName, baseDirectory);
        var root = ReadSingleDocument(context, yaml);
        if (root is null)
        {
            return new ContractLoadResult(null, context.Errors);
        }
        var draft = new ContractParser(context).Parse(root);
        new ContractConsistencyRules(context, draft).Check();
        if (context.Errors.Count > 0)
        {
            return new ContractLoadResult(null, context.Errors);
        }
        var privacy = draft.Privacy?.Value ?? PrivacySettings.Defaults;
        var contract = new MobilityContract
        {
            Version = draft.Version!,
            EffectiveDate = draft.EffectiveDate!.Value,
            AmendableBy = draft.AmendableBy.Select(a => a.Value).ToList(),
            Territory = new Territory(draft.TerritoryName!, draft.TerritoryArea!),
            Zoning = new Zoning(draft.Grids.Select(g => g.Value).ToList(), draft.ZoneSets.Select(z => z.Value).ToList()),
            Members = draft.Members.Select(m => m.Value).ToList(),
            Feeds = draft.Feeds.Select(f => f.Value).ToList(),
            Rights = draft.Rights.Select(r => WithPrivacy(r.Value, privacy)).ToList(),
            Obligations = draft.Obligations.Select(o => o.Value).ToList(),
            Privacy = privacy,
        };
        return new ContractLoadResult(contract, []);
    }

    /// <summary>Every DP right gets its ε and δ (the contract's δ, or the defaults without a privacy section); other rights none.</summary>
    private static Right WithPrivacy(Right right, PrivacySettings privacy) =>
        Products.DifferentiallyPrivate.Contains(right.Product)
            ? right with { Epsilon = right.Epsilon ?? PrivacySettings.DefaultEpsilon, Delta = right.Delta ?? privacy.Delta }
            : right with { Epsilon = null, Delta = null };

    private static YamlNode? ReadSingleDocument(ContractReadContext context, string yaml)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // Some YamlDotNet errors (a tab in the indentation, an unknown alias) come without a position, i.e. at
            // the start of the file; where the parser last read well is then the useful place to point at. Its
            // messages also repeat the position given as Start, so keep the reason only.
            var cause = e.InnerException as YamlException ?? e;
            var at = cause.Start.Index > 0 ? cause.Start : e.Start.Index > 0 ? e.Start : parser.LastGood;
            if (cause is AnchorNotFoundException && AliasPosition(yaml, cause.Message) is { } alias)
            {
                // Aliases are resolved once the whole document is read, so the parser's position is the end of it.
                at = alias;
            }
            context.Error("", at, $"malformed YAML: {TrimPosition(cause.Message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            context.Error("", parser.LastGood, "malformed YAML: the text after this point cannot be read (an unclosed [ or { list, or a quote?)");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            context.Error("", (Mark?)null, stream.Documents.Count == 0
                ? "the contract is empty"
                : $"expected one YAML document, found {stream.Documents.Count}");
            return null;
        }
        return stream.Documents[0].RootNode;
    }

    /// <summary>Where <c>*name</c> first appears, for an "anchor 'name' does not exist" error.</summary>
    private static Mark? AliasPosition(string yaml, string message)
    {
        var quoted = message.Split('\'');
        if (quoted.Length < 3)
        {
            return null;
        }
        var index = yaml.IndexOf("*" + quoted[1], StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }
        var lineStart = yaml.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var line = yaml.AsSpan(0, index).Count('\n') + 1;
        return new Mark(index, line, index - lineStart + 1);
    }

    private static string TrimPosition(string message)
    {
        // Messages look like "(Line: 3, Col: 5, Idx: 40) - (Line: 3, Col: 6, Idx: 41): While scanning ...".
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && colon > 0 ? message[(colon + 3)..] : message;
    }
}
