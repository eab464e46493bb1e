using System.Globalization;
using DataGouvTerr.Domain.Contracts;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Governance;

/// <summary>One change between two contract versions, said in French and English, with the kind of change it is.</summary>
public sealed record DiffLine(ChangeKind Kind, string Fr, string En);

/// <summary>
/// What a proposed version changes: the lines of the diff (French first), the kinds of change (which pick the voting
/// rules), the members affected, and the providers whose data it would use more widely (each of whom must consent).
/// </summary>
public sealed record AmendmentAnalysis(
    IReadOnlyList<DiffLine> Lines,
    IReadOnlySet<ChangeKind> Kinds,
    IReadOnlySet<string> AffectedMembers,
    IReadOnlySet<string> AffectedProviders);

/// <summary>
/// Compares the contract in force with a proposed version, section by section, on the parsed model (so that a
/// reformatted file is no change) and, for sections this hub reads elsewhere (e.g. <c>privacy</c>), on the YAML tree.
/// Pure: no I/O.
/// </summary>
public static class ContractDiff
{
    /// <summary>Top-level sections compared on the model; any other section is compared as YAML.</summary>
    private static readonly HashSet<string> ModelledSections = new(StringComparer.Ordinal)
    {
        "version", "effective_date", "amendable_by", "territory", "zoning", "members", "feeds", "rights", "obligations", "governance",
    };

    /// <summary>Keys of a right the model reads; any other (e.g. a privacy parameter) is compared as YAML.</summary>
    private static readonly HashSet<string> ModelledRightKeys = new(StringComparer.Ordinal)
    {
        "member", "product", "scope", "resolution", "time_bin", "min_count", "delay", "operator_names_visible", "conditional_on_obligations",
    };

    public static AmendmentAnalysis Compare(MobilityContract before, string beforeYaml, MobilityContract after, string afterYaml)
    {
        var diff = new Builder(before, after);
        diff.Zoning();
        diff.Members();
        diff.Feeds();
        diff.Rights(RawRights(beforeYaml), RawRights(afterYaml));
        diff.Obligations();
        diff.GovernanceSection();
        diff.OtherSections(RawSections(beforeYaml), RawSections(afterYaml));
        if (before.Territory.Name != after.Territory.Name || !before.Territory.Area.EqualsExact(after.Territory.Area))
        {
            diff.Add(ChangeKind.Other, "Le territoire change.", "The territory changes.", everyone: true);
        }
        if (!before.AmendableBy.SequenceEqual(after.AmendableBy))
        {
            diff.Add(ChangeKind.Governance, $"Peuvent proposer des amendements : {string.Join(", ", after.AmendableBy)}.",
                $"May propose amendments: {string.Join(", ", after.AmendableBy)}.", everyone: true);
        }
        return diff.Build();
    }

    private sealed class Builder(MobilityContract before, MobilityContract after)
    {
        private readonly List<DiffLine> _lines = [];
        private readonly HashSet<ChangeKind> _kinds = [];
        private readonly HashSet<string> _members = new(StringComparer.Ordinal);
        private readonly HashSet<string> _providers = new(StringComparer.Ordinal);

        public void Add(ChangeKind kind, string fr, string en, IEnumerable<string>? members = null, bool everyone = false)
        {
            _lines.Add(new DiffLine(kind, fr, en));
            _kinds.Add(kind);
            foreach (var member in everyone ? after.Members.Concat(before.Members).Select(m => m.Id) : members ?? [])
            {
                _members.Add(member);
            }
        }

        public AmendmentAnalysis Build()
        {
            // The administrator runs the hub; it is not a party whose rights or data a change affects.
            var admins = after.Members.Concat(before.Members).Where(m => m.Kind == MemberKind.Admin).Select(m => m.Id).ToHashSet();
            _members.ExceptWith(admins);
            _providers.ExceptWith(admins);
            return new AmendmentAnalysis(_lines, _kinds, _members, _providers);
        }

        public void Zoning()
        {
            var oldGrids = before.Zoning.Grids.ToDictionary(g => g.Id);
            var newGrids = after.Zoning.Grids.ToDictionary(g => g.Id);
            foreach (var id in oldGrids.Keys.Union(newGrids.Keys).Order(StringComparer.Ordinal))
            {
                var (o, n) = (oldGrids.GetValueOrDefault(id), newGrids.GetValueOrDefault(id));
                if (o == n)
                {
                    continue;
                }
                var users = Users(id);
                if (o is null)
                {
                    Add(ChangeKind.Zoning, $"Zonage : nouvelle grille « {id} » de {n!.CellSizeMeters} m.", $"Zoning: new grid '{id}' of {n!.CellSizeMeters} m.", users);
                }
                else if (n is null)
                {
                    Add(ChangeKind.Zoning, $"Zonage : la grille « {id} » est retirée.", $"Zoning: grid '{id}' is removed.", users);
                }
                else
                {
                    Add(ChangeKind.Zoning, $"Zonage : la grille « {id} » passe de {o.CellSizeMeters} m à {n.CellSizeMeters} m.",
                        $"Zoning: grid '{id}' goes from {o.CellSizeMeters} m to {n.CellSizeMeters} m.", users);
                }
            }
            var oldSets = before.Zoning.ZoneSets.ToDictionary(z => z.Id);
            var newSets = after.Zoning.ZoneSets.ToDictionary(z => z.Id);
            foreach (var id in oldSets.Keys.Union(newSets.Keys).Order(StringComparer.Ordinal))
            {
                var (o, n) = (oldSets.GetValueOrDefault(id), newSets.GetValueOrDefault(id));
                var users = Users(id);
                if (o is null)
                {
                    Add(ChangeKind.Zoning, $"Zonage : nouveau découpage « {id} » ({n!.Zones.Count} zones).", $"Zoning: new zone set '{id}' ({n!.Zones.Count} zones).", users);
                    continue;
                }
                if (n is null)
                {
                    Add(ChangeKind.Zoning, $"Zonage : le découpage « {id} » est retiré.", $"Zoning: zone set '{id}' is removed.", users);
                    continue;
                }
                var oldZones = o.Zones.ToDictionary(z => z.Code);
                var newZones = n.Zones.ToDictionary(z => z.Code);
                foreach (var code in oldZones.Keys.Union(newZones.Keys).Order(StringComparer.Ordinal))
                {
                    var (oz, nz) = (oldZones.GetValueOrDefault(code), newZones.GetValueOrDefault(code));
                    if (oz is null)
                    {
                        Add(ChangeKind.Zoning, $"Zonage « {id} » : zone {code} ({nz!.Name}) ajoutée.", $"Zone set '{id}': zone {code} ({nz!.Name}) added.", users);
                    }
                    else if (nz is null)
                    {
                        Add(ChangeKind.Zoning, $"Zonage « {id} » : zone {code} ({oz.Name}) retirée.", $"Zone set '{id}': zone {code} ({oz.Name}) removed.", users);
                    }
                    else if (oz.Name != nz.Name || !oz.Area.EqualsExact(nz.Area))
                    {
                        Add(ChangeKind.Zoning, $"Zonage « {id} » : la zone {code} ({nz.Name}) change de contour.", $"Zone set '{id}': zone {code} ({nz.Name}) changes shape.", users);
                    }
                }
            }
        }

        /// <summary>Members holding a right on a resolution, before or after: a zoning change reaches them.</summary>
        private IEnumerable<string> Users(string resolution) =>
            before.Rights.Concat(after.Rights).Where(r => r.Resolution == resolution).Select(r => r.MemberId).Distinct();

        public void Members()
        {
            var olds = before.Members.ToDictionary(m => m.Id);
            var news = after.Members.ToDictionary(m => m.Id);
            foreach (var id in olds.Keys.Union(news.Keys).Order(StringComparer.Ordinal))
            {
                var (o, n) = (olds.GetValueOrDefault(id), news.GetValueOrDefault(id));
                if (o is null)
                {
                    Add(ChangeKind.Members, $"Nouveau membre : {n!.Name} ({id}).", $"New member: {n!.Name} ({id}).", everyone: true);
                }
                else if (n is null)
                {
                    Add(ChangeKind.Members, $"Le membre {o.Name} ({id}) quitte le contrat.", $"Member {o.Name} ({id}) leaves the contract.", everyone: true);
                }
                else if (o.Name != n.Name || o.Kind != n.Kind || o.Siren != n.Siren)
                {
                    Add(ChangeKind.Members, $"Le membre {id} change (nom, nature ou SIREN).", $"Member {id} changes (name, kind or SIREN).", [id]);
                }
                else if (!SameArea(o.Perimeter, n.Perimeter))
                {
                    var wider = Wider(o.Perimeter, n.Perimeter);
                    foreach (var right in after.RightsOf(id).Where(r => r.Scope == RightScope.OwnPerimeter && wider))
                    {
                        WiderUse(right, $"le périmètre de {id} s'étend", $"the perimeter of {id} grows");
                    }
                    Add(ChangeKind.Members, $"Le périmètre de {id} change{(wider ? " et s'étend" : "")}.", $"The perimeter of {id} changes{(wider ? " and grows" : "")}.", [id]);
                }
            }
        }

        private static bool SameArea(NetTopologySuite.Geometries.Geometry? a, NetTopologySuite.Geometries.Geometry? b) =>
            a is null ? b is null : b is not null && a.EqualsExact(b);

        /// <summary>True when the new perimeter reaches beyond the old one (null means the whole territory).</summary>
        private static bool Wider(NetTopologySuite.Geometries.Geometry? old, NetTopologySuite.Geometries.Geometry? now) =>
            old is not null && (now is null || !old.Buffer(1e-9).Covers(now));

        public void Feeds()
        {
            var olds = before.Feeds.ToDictionary(f => f.Id);
            var news = after.Feeds.ToDictionary(f => f.Id);
            foreach (var id in olds.Keys.Union(news.Keys).Order(StringComparer.Ordinal))
            {
                var (o, n) = (olds.GetValueOrDefault(id), news.GetValueOrDefault(id));
                if (o is null)
                {
                    Add(ChangeKind.Feeds, $"Nouveau flux {id} ({n!.Kind}) fourni par {n.ProvidedBy}.", $"New feed {id} ({n!.Kind}) provided by {n.ProvidedBy}.", [n.ProvidedBy]);
                }
                else if (n is null)
                {
                    Add(ChangeKind.Feeds, $"Le flux {id} est retiré.", $"Feed {id} is removed.", [o.ProvidedBy]);
                }
                else
                {
                    if (n.RetentionDays > o.RetentionDays)
                    {
                        // Keeping raw data longer is a wider use of it.
                        Add(ChangeKind.DataUse, $"Flux {id} : conservation portée de {o.RetentionDays} à {n.RetentionDays} jours.",
                            $"Feed {id}: retention raised from {o.RetentionDays} to {n.RetentionDays} days.", [n.ProvidedBy]);
                        _providers.Add(n.ProvidedBy);
                    }
                    else if (o.Kind != n.Kind || o.ProvidedBy != n.ProvidedBy || o.SourceKind != n.SourceKind || o.Source != n.Source
                        || o.Schedule != n.Schedule || o.RetentionDays != n.RetentionDays || o.Mode != n.Mode
                        || o.OperatorName != n.OperatorName || !o.ProviderIds.SequenceEqual(n.ProviderIds))
                    {
                        Add(ChangeKind.Feeds, $"Le flux {id} change (source, calendrier ou conservation).", $"Feed {id} changes (source, schedule or retention).", [n.ProvidedBy, o.ProvidedBy]);
                    }
                }
            }
        }

        public void Rights(Dictionary<(string, string), string> rawBefore, Dictionary<(string, string), string> rawAfter)
        {
            var olds = before.Rights.GroupBy(r => (r.MemberId, r.Product)).ToDictionary(g => g.Key, g => g.First());
            var news = after.Rights.GroupBy(r => (r.MemberId, r.Product)).ToDictionary(g => g.Key, g => g.First());
            foreach (var key in olds.Keys.Union(news.Keys).OrderBy(k => k.MemberId, StringComparer.Ordinal).ThenBy(k => k.Product, StringComparer.Ordinal))
            {
                var (o, n) = (olds.GetValueOrDefault(key), news.GetValueOrDefault(key));
                var label = $"{key.MemberId} / {key.Product}";
                if (o is null)
                {
                    WiderUse(n!, "nouveau droit", "new right");
                    continue;
                }
                if (n is null)
                {
                    Add(ChangeKind.Rights, $"Droit retiré : {label}.", $"Right removed: {label}.", [key.MemberId]);
                    continue;
                }
                var widerFr = new List<string>();
                var widerEn = new List<string>();
                var narrower = new List<string>();
                Compare(o.Scope == RightScope.OwnPerimeter && n.Scope == RightScope.Territory, o.Scope != n.Scope,
                    $"portée {Word(o.Scope)} → {Word(n.Scope)}", $"scope {Word(o.Scope)} → {Word(n.Scope)}");
                Compare(FinerResolution(o.Resolution, n.Resolution), o.Resolution != n.Resolution,
                    $"résolution {o.Resolution} → {n.Resolution}", $"resolution {o.Resolution} → {n.Resolution}");
                Compare(n.TimeBin < o.TimeBin, n.TimeBin != o.TimeBin, $"pas de temps {Hours(o.TimeBin)} → {Hours(n.TimeBin)}", $"time bin {Hours(o.TimeBin)} → {Hours(n.TimeBin)}");
                Compare(n.MinCount < o.MinCount, n.MinCount != o.MinCount, $"seuil k {o.MinCount} → {n.MinCount}", $"k threshold {o.MinCount} → {n.MinCount}");
                Compare(n.Delay < o.Delay, n.Delay != o.Delay, $"délai {Hours(o.Delay)} → {Hours(n.Delay)}", $"delay {Hours(o.Delay)} → {Hours(n.Delay)}");
                Compare(n.OperatorNamesVisible && !o.OperatorNamesVisible, n.OperatorNamesVisible != o.OperatorNamesVisible,
                    $"noms des opérateurs visibles : {YesNo(n.OperatorNamesVisible)}", $"operator names visible: {n.OperatorNamesVisible}");
                Compare(false, n.ConditionalOnObligations != o.ConditionalOnObligations,
                    $"conditionné aux obligations : {YesNo(n.ConditionalOnObligations)}", $"conditional on obligations: {n.ConditionalOnObligations}");
                if (widerFr.Count > 0)
                {
                    WiderUse(n, string.Join(", ", widerFr), string.Join(", ", widerEn));
                }
                if (narrower.Count > 0)
                {
                    Add(ChangeKind.Rights, $"Droit {label} modifié : {string.Join(", ", narrower.Select(x => x.Split('|')[0]))}.",
                        $"Right {label} changed: {string.Join(", ", narrower.Select(x => x.Split('|')[1]))}.", [key.MemberId]);
                }
                if (rawBefore.GetValueOrDefault(key) != rawAfter.GetValueOrDefault(key) && widerFr.Count == 0 && narrower.Count == 0)
                {
                    // A key this model does not read (a privacy parameter such as epsilon) changed.
                    Add(ChangeKind.Privacy, $"Droit {label} : paramètres de confidentialité modifiés.", $"Right {label}: privacy parameters changed.", everyone: true);
                }

                void Compare(bool wider, bool changed, string fr, string en)
                {
                    if (wider)
                    {
                        widerFr.Add(fr);
                        widerEn.Add(en);
                    }
                    else if (changed)
                    {
                        narrower.Add($"{fr}|{en}");
                    }
                }
            }
        }

        /// <summary>A right reading a product more widely needs the consent of every other provider of its data.</summary>
        private void WiderUse(Right right, string fr, string en)
        {
            var providers = ProductSources.ProvidersOf(after, right.Product).Where(p => p != right.MemberId).ToList();
            _providers.UnionWith(providers);
            var whose = providers.Count == 0 ? "" : $" (données de {string.Join(", ", providers)})";
            var whoseEn = providers.Count == 0 ? "" : $" (data of {string.Join(", ", providers)})";
            // A wider right is also a change of rights: the members' general rule applies, on top of the providers' consent.
            _kinds.Add(ChangeKind.Rights);
            Add(ChangeKind.DataUse, $"Usage élargi : {right.MemberId} / {right.Product} : {fr}{whose}.", $"Wider use: {right.MemberId} / {right.Product}: {en}{whoseEn}.",
                [right.MemberId, .. providers]);
        }

        private bool FinerResolution(string old, string now)
        {
            if (old == now)
            {
                return false;
            }
            var oldGrid = before.Zoning.Grids.FirstOrDefault(g => g.Id == old);
            var newGrid = after.Zoning.Grids.FirstOrDefault(g => g.Id == now);
            // Only a grid made coarser is surely narrower; any other move (zones to grid, to stops) may reveal more.
            return !(oldGrid is not null && newGrid is not null && newGrid.CellSizeMeters >= oldGrid.CellSizeMeters);
        }

        public void Obligations()
        {
            var olds = before.Obligations.ToDictionary(o => (o.MemberId, o.Id));
            var news = after.Obligations.ToDictionary(o => (o.MemberId, o.Id));
            foreach (var key in olds.Keys.Union(news.Keys).OrderBy(k => k.Id, StringComparer.Ordinal))
            {
                var (o, n) = (olds.GetValueOrDefault(key), news.GetValueOrDefault(key));
                if (o is null)
                {
                    Add(ChangeKind.Sanctions, $"Nouvelle obligation « {key.Id} » pour {key.MemberId}.", $"New obligation '{key.Id}' for {key.MemberId}.", everyone: true);
                }
                else if (n is null)
                {
                    Add(ChangeKind.Sanctions, $"L'obligation « {key.Id} » de {key.MemberId} est retirée.", $"Obligation '{key.Id}' of {key.MemberId} is removed.", everyone: true);
                }
                else if (o with { Sanctions = n.Sanctions } != n || !o.Sanctions.Select(Step).SequenceEqual(n.Sanctions.Select(Step)))
                {
                    Add(ChangeKind.Sanctions, $"L'obligation « {key.Id} » de {key.MemberId} change (seuils, délais ou sanctions).",
                        $"Obligation '{key.Id}' of {key.MemberId} changes (thresholds, periods or sanctions).", everyone: true);
                }
            }
        }

        private static string Step(SanctionStep s) => $"{s.After}/{s.Action}/{string.Join(",", s.SuspendedProducts)}";

        public void GovernanceSection()
        {
            var (o, n) = (before.Governance, after.Governance);
            if (o with { Rules = n.Rules } != n || !o.Rules.SequenceEqual(n.Rules))
            {
                Add(ChangeKind.Governance, "Les règles de gouvernance changent (votes, quorum, médiation ou suspension d'urgence).",
                    "The governance rules change (votes, quorum, mediation or emergency suspension).", everyone: true);
            }
        }

        public void OtherSections(Dictionary<string, string> olds, Dictionary<string, string> news)
        {
            foreach (var key in olds.Keys.Union(news.Keys).Where(k => !ModelledSections.Contains(k)).Order(StringComparer.Ordinal))
            {
                if (olds.GetValueOrDefault(key) == news.GetValueOrDefault(key))
                {
                    continue;
                }
                var kind = key == "privacy" ? ChangeKind.Privacy : ChangeKind.Other;
                Add(kind, $"La section « {key} » change.", $"Section '{key}' changes.", everyone: true);
            }
        }

        private static string Word(RightScope scope) => scope == RightScope.Territory ? "territory" : "own_perimeter";

        private static string YesNo(bool value) => value ? "oui" : "non";

        private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " h";
    }

    /// <summary>Top-level sections as canonical text (empty when the YAML cannot be read: the loader reports why).</summary>
    private static Dictionary<string, string> RawSections(string yaml) =>
        Root(yaml)?.Children.ToDictionary(c => Canonical(c.Key), c => Canonical(c.Value), StringComparer.Ordinal) ?? [];

    /// <summary>Each right's mapping as canonical text minus the keys the model reads, by (member, product).</summary>
    private static Dictionary<(string, string), string> RawRights(string yaml)
    {
        var rights = new Dictionary<(string, string), string>();
        if (Root(yaml) is not { } root || !root.Children.TryGetValue(new YamlScalarNode("rights"), out var node) || node is not YamlSequenceNode list)
        {
            return rights;
        }
        foreach (var right in list.Children.OfType<YamlMappingNode>())
        {
            string Get(string key) => right.Children.TryGetValue(new YamlScalarNode(key), out var v) ? Canonical(v) : "";
            var extra = right.Children.Where(c => !ModelledRightKeys.Contains(Canonical(c.Key)))
                .Select(c => $"{Canonical(c.Key)}={Canonical(c.Value)}").Order(StringComparer.Ordinal);
            rights.TryAdd((Get("member"), Get("product")), string.Join(";", extra));
        }
        return rights;
    }

    private static YamlMappingNode? Root(string yaml)
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

    private static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Canonical)) + "]",
        YamlMappingNode mapping => "{" + string.Join(",", mapping.Children.Select(c => $"{Canonical(c.Key)}:{Canonical(c.Value)}").Order(StringComparer.Ordinal)) + "}",
        _ => "",
    };
}
