using NetTopologySuite.Geometries;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>A value read from the contract with the YAML path and mapping it came from, so later rules can point at it.</summary>
internal sealed record Located<T>(T Value, string Path, YamlMap Map)
{
    public string PathOf(string key) => Map.Child(key);

    public YamlNode NodeOf(string key) => Map.Get(key) ?? Map.Node;
}

/// <summary>
/// Everything read from the YAML before the cross-reference rules run. Items whose own fields were malformed are
/// still kept (with placeholders) so that, for instance, a member with a bad SIREN does not also make every right
/// naming it "unknown".
/// </summary>
internal sealed class ContractDraft
{
    public string? Version { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public List<(string Value, string Path, YamlNode Node)> AmendableBy { get; } = [];
    public string? TerritoryName { get; set; }
    public Geometry? TerritoryArea { get; set; }
    public List<Located<GridZoning>> Grids { get; } = [];
    public List<Located<ZoneSet>> ZoneSets { get; } = [];
    /// <summary>Zones with a readable geometry, by zone-set index, for the overlap and inside-territory rules.</summary>
    public List<(int SetIndex, Located<Zone> Zone)> Zones { get; } = [];
    public List<Located<Member>> Members { get; } = [];
    public List<Located<FeedDeclaration>> Feeds { get; } = [];
    public List<Located<Right>> Rights { get; } = [];
    public List<Located<Obligation>> Obligations { get; } = [];
    /// <summary>The privacy section as read (null when the contract has none), with where it was.</summary>
    public Located<PrivacySettings>? Privacy { get; set; }
}
