using System.Globalization;
using System.Text.RegularExpressions;
using DataGouvTerr.Domain.Privacy;
using NetTopologySuite.Geometries;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// First pass over a contract: reads each section of the YAML into the model, checking shapes, types, known keys
/// and the values that can be judged alone (durations, cron, k, products). References between sections are
/// checked afterwards by <see cref="ContractConsistencyRules"/>.
/// </summary>
internal sealed partial class ContractParser(ContractReadContext context)
{
    /// <summary>k given to a right whose min_count was unreadable, only so the other rules can still run.</summary>
    private const int AccessFloor = 2;

    private static readonly Polygon NoArea = ContractGeometryReader.Wgs84.CreatePolygon();

    public ContractDraft Parse(YamlNode root)
    {
        var draft = new ContractDraft();
        var map = YamlMap.Read(context, root, "",
            "version", "effective_date", "amendable_by", "territory", "zoning", "members", "feeds", "rights", "obligations", "privacy", "governance");
        if (map is null)
        {
            return draft;
        }

        draft.Version = map.String("version", required: true);
        var date = map.String("effective_date", required: true);
        if (date is not null)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effective))
            {
                draft.EffectiveDate = effective;
            }
            else
            {
                context.Error("effective_date", map.Get("effective_date"), $"'{date}' is not a date; write it as YYYY-MM-DD");
            }
        }
        draft.AmendableBy.AddRange(map.Strings("amendable_by", required: true));
        if (map.Has("amendable_by") && draft.AmendableBy.Count == 0 && !context.HasErrorAt("amendable_by"))
        {
            context.Error("amendable_by", map.Get("amendable_by"), "at least one member must be able to amend the contract");
        }

        ReadTerritory(draft, map);
        ReadZoning(draft, map);
        ReadPrivacy(draft, map);
        foreach (var (node, path) in map.Sequence("members", required: true))
        {
            ReadMember(draft, node, path);
        }
        foreach (var (node, path) in map.Sequence("feeds", required: true))
        {
            ReadFeed(draft, node, path);
        }
        foreach (var (node, path) in map.Sequence("rights", required: true))
        {
            ReadRight(draft, node, path);
        }
        foreach (var (node, path) in map.Sequence("obligations", required: false))
        {
            ReadObligation(draft, node, path);
        }
        draft.Governance = new GovernanceParser(context).Read(map.Get("governance"));
        return draft;
    }

    private void ReadTerritory(ContractDraft draft, YamlMap root)
    {
        if (root.Get("territory") is not { } node)
        {
            root.Missing("territory");
            return;
        }
        var map = YamlMap.Read(context, node, "territory", "name", "geometry", "geometry_file");
        if (map is null)
        {
            return;
        }
        draft.TerritoryName = map.String("name", required: true);
        draft.TerritoryArea = ReadArea(map, "geometry", "geometry_file", required: true);
    }

    /// <summary>An area given inline under <paramref name="key"/> or in a file named under <paramref name="fileKey"/>, never both.</summary>
    private Geometry? ReadArea(YamlMap map, string key, string fileKey, bool required)
    {
        var inline = map.Get(key);
        var file = map.Get(fileKey);
        if (inline is not null && file is not null)
        {
            context.Error(map.Child(fileKey), file, $"give either '{key}' or '{fileKey}', not both");
            return null;
        }
        if (inline is not null)
        {
            return ContractGeometryReader.FromYaml(context, inline, map.Child(key));
        }
        if (file is not null)
        {
            var relative = map.String(fileKey, required: true);
            return relative is null ? null : ContractGeometryReader.FromFile(context, relative, map.Child(fileKey), file);
        }
        if (required)
        {
            map.Missing(key);
        }
        return null;
    }

    private void ReadZoning(ContractDraft draft, YamlMap root)
    {
        if (root.Get("zoning") is not { } node)
        {
            root.Missing("zoning");
            return;
        }
        var map = YamlMap.Read(context, node, "zoning", "grids", "zone_sets");
        if (map is null)
        {
            return;
        }
        foreach (var (gridNode, path) in map.Sequence("grids", required: false))
        {
            var grid = YamlMap.Read(context, gridNode, path, "id", "cell_size_m");
            if (grid is null)
            {
                continue;
            }
            var id = grid.String("id", required: true);
            var size = grid.Int("cell_size_m", required: true);
            if (size is <= 0)
            {
                context.Error(grid.Child("cell_size_m"), grid.Get("cell_size_m"), $"cell size must be a positive number of metres, found {size}");
            }
            draft.Grids.Add(new Located<GridZoning>(new GridZoning(id ?? "", size ?? 0), path, grid));
        }
        var sets = map.Sequence("zone_sets", required: false);
        for (var setIndex = 0; setIndex < sets.Count; setIndex++)
        {
            var (setNode, setPath) = sets[setIndex];
            var set = YamlMap.Read(context, setNode, setPath, "id", "name", "zones");
            if (set is null)
            {
                continue;
            }
            var id = set.String("id", required: true);
            var name = set.String("name", required: true);
            var zones = new List<Zone>();
            foreach (var (zoneNode, zonePath) in set.Sequence("zones", required: true))
            {
                var zoneMap = YamlMap.Read(context, zoneNode, zonePath, "code", "name", "geometry", "geometry_file");
                if (zoneMap is null)
                {
                    continue;
                }
                var code = zoneMap.String("code", required: true);
                var zoneName = zoneMap.String("name", required: true);
                var area = ReadArea(zoneMap, "geometry", "geometry_file", required: true);
                var zone = new Zone(code ?? "", zoneName ?? "", area ?? NoArea);
                zones.Add(zone);
                draft.Zones.Add((setIndex, new Located<Zone>(zone, zonePath, zoneMap)));
            }
            if (set.Has("zones") && zones.Count == 0 && !context.HasErrorAt(set.Child("zones")))
            {
                context.Error(set.Child("zones"), set.Get("zones"), "a zone set needs at least one zone");
            }
            draft.ZoneSets.Add(new Located<ZoneSet>(new ZoneSet(id ?? "", name ?? "", zones), setPath, set));
        }
        if (draft.Grids.Count == 0 && draft.ZoneSets.Count == 0 && !context.HasErrorAt("zoning"))
        {
            context.Error("zoning", node, "the zoning needs at least one grid or zone set: products can only be published on them");
        }
    }

    /// <summary>
    /// The <c>privacy</c> section: <c>unit</c> (only <c>trip</c>), <c>delta</c> (δ per release by default) and
    /// <c>cap_per_window: {epsilon, delta}</c>. Values are judged alone here; sums against the cap are checked with
    /// the rights in <see cref="ContractConsistencyRules"/>.
    /// </summary>
    private void ReadPrivacy(ContractDraft draft, YamlMap root)
    {
        if (root.Get("privacy") is not { } node)
        {
            return;
        }
        var map = YamlMap.Read(context, node, "privacy", "unit", "delta", "cap_per_window");
        if (map is null)
        {
            return;
        }
        var unit = map.String("unit", required: false);
        if (unit is not null && unit != PrivacySettings.ProtectedUnitTrip)
        {
            context.Error(map.Child("unit"), map.Get("unit"),
                $"'{unit}' is not a protected unit the hub implements: MDS carries no rider id, so the unit is '{PrivacySettings.ProtectedUnitTrip}' (availability protects a vehicle within a bin)");
        }
        var delta = Delta(map, "delta", required: true);
        PrivacyBudget? cap = null;
        if (map.Get("cap_per_window") is not { } capNode)
        {
            map.Missing("cap_per_window");
        }
        else if (YamlMap.Read(context, capNode, map.Child("cap_per_window"), "epsilon", "delta") is { } capMap)
        {
            var capEpsilon = Epsilon(capMap, "epsilon", required: true);
            var capDelta = Delta(capMap, "delta", required: true);
            if (capEpsilon is not null && capDelta is not null)
            {
                cap = new PrivacyBudget(capEpsilon.Value, capDelta.Value);
            }
        }
        var settings = new PrivacySettings
        {
            Declared = true,
            Unit = PrivacySettings.ProtectedUnitTrip,
            Delta = delta ?? PrivacySettings.Defaults.Delta,
            // An unreadable cap must not let the sums pass: the cap error is already reported, so use none at all.
            CapPerWindow = cap ?? new PrivacyBudget(decimal.MaxValue, decimal.MaxValue),
        };
        draft.Privacy = new Located<PrivacySettings>(settings, "privacy", map);
    }

    /// <summary>Largest δ a contract may set per release or per window: beyond it, "rare" failures are not rare.</summary>
    public const decimal MaxDelta = 0.001m;

    /// <summary>Decimals allowed in ε: the noise is drawn with ε as an exact fraction of 64-bit integers.</summary>
    public const int MaxEpsilonDecimals = 6;

    private decimal? Epsilon(YamlMap map, string key, bool required)
    {
        var value = map.Decimal(key, required);
        if (value is null)
        {
            return null;
        }
        if (value <= 0)
        {
            context.Error(map.Child(key), map.Get(key), $"epsilon must be greater than 0, found {Text(value.Value)}: ε = 0 would publish nothing but noise, a negative ε means nothing");
            return null;
        }
        if (value.Value.Scale > MaxEpsilonDecimals && decimal.Round(value.Value, MaxEpsilonDecimals) != value.Value)
        {
            context.Error(map.Child(key), map.Get(key), $"epsilon has at most {MaxEpsilonDecimals} decimals, found {Text(value.Value)}");
            return null;
        }
        if (value > 1000)
        {
            context.Error(map.Child(key), map.Get(key), $"epsilon must be at most 1000, found {Text(value.Value)}");
            return null;
        }
        return value;
    }

    private decimal? Delta(YamlMap map, string key, bool required)
    {
        var value = map.Decimal(key, required);
        if (value is null)
        {
            return null;
        }
        if (value <= 0 || value > MaxDelta)
        {
            context.Error(map.Child(key), map.Get(key),
                $"delta must be in (0, {Text(MaxDelta)}], found {Text(value.Value)}: δ is the probability that the guarantee fails, so keep it far below 1 / (number of trips)");
            return null;
        }
        return value;
    }

    internal static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private void ReadMember(ContractDraft draft, YamlNode node, string path)
    {
        var map = YamlMap.Read(context, node, path, "id", "name", "kind", "siren", "perimeter", "perimeter_file");
        if (map is null)
        {
            return;
        }
        var id = map.String("id", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            context.Error(map.Child("id"), map.Get("id"), $"'{id}' is not a valid id: use lower-case letters, digits and hyphens (it appears in URLs and tokens)");
        }
        var siren = map.String("siren", required: false);
        if (siren is not null && !SirenPattern().IsMatch(siren))
        {
            context.Error(map.Child("siren"), map.Get("siren"), $"'{siren}' is not a SIREN: it has exactly 9 digits (quote it so YAML keeps leading zeros)");
        }
        var member = new Member
        {
            Id = id ?? "",
            Name = map.String("name", required: true) ?? "",
            Kind = map.Word("kind", required: true, ContractWords.MemberKinds) ?? MemberKind.Planner,
            Siren = siren,
            Perimeter = ReadArea(map, "perimeter", "perimeter_file", required: false),
        };
        draft.Members.Add(new Located<Member>(member, path, map));
    }

    private void ReadFeed(ContractDraft draft, YamlNode node, string path)
    {
        var map = YamlMap.Read(context, node, path,
            "id", "kind", "provided_by", "source", "schedule", "retention_days", "provider_ids", "mode", "operator_name");
        if (map is null)
        {
            return;
        }
        var id = map.String("id", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            context.Error(map.Child("id"), map.Get("id"), $"'{id}' is not a valid id: use lower-case letters, digits and hyphens (it appears in URLs and job ids)");
        }
        var kind = map.Word("kind", required: true, ContractWords.FeedKinds);
        var (sourceKind, source) = ReadSource(map);

        var schedule = map.String("schedule", required: false);
        if (schedule is not null && CronSchedule.Check(schedule) is { } cronError)
        {
            context.Error(map.Child("schedule"), map.Get("schedule"), cronError);
        }
        if (sourceKind is FeedSourceKind.Url or FeedSourceKind.File && schedule is null && !map.Has("schedule"))
        {
            context.Error(map.Child("schedule"), map.Node, "a pulled feed (url or file) needs a cron schedule");
        }
        if (sourceKind is FeedSourceKind.Push && map.Has("schedule"))
        {
            context.Error(map.Child("schedule"), map.Get("schedule"), "a pushed feed has no schedule: the operator sends data when it has some");
        }

        var retention = map.Int("retention_days", required: true);
        if (retention is <= 0)
        {
            context.Error(map.Child("retention_days"), map.Get("retention_days"), $"retention must be a positive number of days, found {retention}");
        }

        var providerIds = new List<Guid>();
        foreach (var (value, itemPath, itemNode) in map.Strings("provider_ids", required: false))
        {
            if (Guid.TryParseExact(value, "D", out var providerId))
            {
                providerIds.Add(providerId);
            }
            else
            {
                context.Error(itemPath, itemNode, $"'{value}' is not a UUID (MDS provider ids look like 7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b)");
            }
        }
        var mode = map.String("mode", required: false);
        if (kind is not null and not FeedKind.Mds)
        {
            foreach (var mdsOnly in new[] { "provider_ids", "mode" }.Where(map.Has))
            {
                context.Error(map.Child(mdsOnly), map.Get(mdsOnly), $"'{mdsOnly}' only applies to mds feeds");
            }
        }
        if (kind is FeedKind.Mds && providerIds.Count == 0 && !context.HasErrorAt(map.Child("provider_ids")))
        {
            context.Error(map.Child("provider_ids"), map.Get("provider_ids") ?? map.Node,
                "an mds feed needs provider_ids: the MDS provider ids (UUIDs) the operator sends data under");
        }
        if (mode is not null && !ContractWords.MdsModes.Contains(mode))
        {
            context.Error(map.Child("mode"), map.Get("mode"), $"'{mode}' is not an MDS mode; expected one of {string.Join(", ", ContractWords.MdsModes.Order())}");
        }

        var feed = new FeedDeclaration
        {
            Id = id ?? "",
            Kind = kind ?? FeedKind.Gtfs,
            ProvidedBy = map.String("provided_by", required: true) ?? "",
            SourceKind = sourceKind ?? FeedSourceKind.Push,
            Source = source,
            Schedule = schedule,
            RetentionDays = retention ?? 0,
            ProviderIds = providerIds,
            Mode = mode ?? "micromobility",
            OperatorName = map.String("operator_name", required: false),
        };
        draft.Feeds.Add(new Located<FeedDeclaration>(feed, path, map));
    }

    /// <summary><c>source</c> is a mapping with exactly one of <c>url</c>, <c>file</c> or <c>push: true</c>.</summary>
    private (FeedSourceKind? Kind, string? Value) ReadSource(YamlMap feed)
    {
        if (feed.Get("source") is not { } node)
        {
            feed.Missing("source");
            return (null, null);
        }
        var map = YamlMap.Read(context, node, feed.Child("source"), "url", "file", "push");
        if (map is null)
        {
            return (null, null);
        }
        var given = new[] { "url", "file", "push" }.Where(map.Has).ToList();
        if (given.Count != 1)
        {
            context.Error(map.Path, node, given.Count == 0
                ? "a source needs one of url, file or push: true"
                : $"a source has exactly one of url, file or push, found {string.Join(" and ", given)}");
            return (null, null);
        }
        switch (given[0])
        {
            case "url":
                var url = map.String("url", required: true);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                {
                    context.Error(map.Child("url"), map.Get("url"), $"'{url}' is not an absolute http(s) URL");
                    return (null, null);
                }
                return (FeedSourceKind.Url, url);
            case "file":
                var file = map.String("file", required: true);
                if (file is not null && LocalFileRefusal(file) is { } refusal)
                {
                    context.Error(map.Child("file"), map.Get("file"), refusal);
                    return (null, null);
                }
                return (FeedSourceKind.File, file);
            default:
                if (map.Bool("push", required: true) is not true)
                {
                    context.Error(map.Child("push"), map.Get("push"), "write push: true for a feed the operator sends to the hub");
                    return (null, null);
                }
                return (FeedSourceKind.Push, null);
        }
    }

    /// <summary>
    /// Why a <c>file</c> source is refused, or null: it must be a path relative to the contract file, not an absolute
    /// path or a URL (<c>file:///etc/passwd</c> made the hub read and serve a system file). The hub then reads it only
    /// if it lies under its configured feed folder.
    /// </summary>
    internal static string? LocalFileRefusal(string file)
    {
        if (file.Contains('\0', StringComparison.Ordinal))
        {
            return "a file source may not contain a NUL byte";
        }
        if (file.Contains(':', StringComparison.Ordinal) || file.StartsWith('/') || file.StartsWith('\\') || file.StartsWith('~'))
        {
            return $"'{file}' is not a relative path: a file source is a path relative to the contract file, inside the hub's feed folder " +
                "(absolute paths, file:// and other URLs are refused; use url: https://… for a remote feed)";
        }
        return null;
    }

    private void ReadRight(ContractDraft draft, YamlNode node, string path)
    {
        var map = YamlMap.Read(context, node, path,
            "member", "product", "scope", "resolution", "time_bin", "min_count", "delay", "operator_names_visible", "epsilon", "delta",
            "conditional_on_obligations");
        if (map is null)
        {
            return;
        }
        var product = map.String("product", required: true);
        if (product is not null && !Products.All.Contains(product))
        {
            context.Error(map.Child("product"), map.Get("product"), UnknownProduct(product));
        }
        var minCount = map.Int("min_count", required: true);
        if (minCount is < 2)
        {
            context.Error(map.Child("min_count"), map.Get("min_count"),
                $"min_count (k) must be at least 2, found {minCount}: a count of one person's trips identifies that person");
        }
        var timeBin = Duration(map, "time_bin", required: true);
        if (timeBin == TimeSpan.Zero)
        {
            context.Error(map.Child("time_bin"), map.Get("time_bin"), "time_bin must be longer than 0");
        }
        var right = new Right
        {
            MemberId = map.String("member", required: true) ?? "",
            Product = product ?? "",
            Scope = map.Word("scope", required: true, ContractWords.Scopes) ?? RightScope.OwnPerimeter,
            Resolution = map.String("resolution", required: true) ?? "",
            TimeBin = timeBin ?? TimeSpan.Zero,
            MinCount = minCount ?? AccessFloor,
            Delay = Duration(map, "delay", required: true) ?? TimeSpan.Zero,
            OperatorNamesVisible = map.Bool("operator_names_visible", required: false) ?? false,
            ConditionalOnObligations = map.Bool("conditional_on_obligations", required: false) ?? false,
            Epsilon = Epsilon(map, "epsilon", required: false),
            Delta = Delta(map, "delta", required: false),
        };
        draft.Rights.Add(new Located<Right>(right, path, map));
    }

    private void ReadObligation(ContractDraft draft, YamlNode node, string path)
    {
        var map = YamlMap.Read(context, node, path, "id", "member", "kind", "feed", "thresholds", "sanctions", "grace_period", "recovery_period");
        if (map is null)
        {
            return;
        }
        var kind = map.Word("kind", required: true, ContractWords.ObligationKinds);
        int? maxLag = null, minCoverage = null, minDaysAhead = null;
        if (map.Get("thresholds") is { } thresholdsNode
            && YamlMap.Read(context, thresholdsNode, map.Child("thresholds"), "max_lag_minutes", "min_coverage_percent", "min_valid_days_ahead") is { } thresholds)
        {
            maxLag = thresholds.Int("max_lag_minutes", required: false);
            minCoverage = thresholds.Int("min_coverage_percent", required: false);
            minDaysAhead = thresholds.Int("min_valid_days_ahead", required: false);
            CheckThreshold(thresholds, "max_lag_minutes", maxLag, kind, ObligationKind.DataFreshness, 1, int.MaxValue);
            CheckThreshold(thresholds, "min_coverage_percent", minCoverage, kind, ObligationKind.Coverage, 1, 100);
            CheckThreshold(thresholds, "min_valid_days_ahead", minDaysAhead, kind, ObligationKind.GtfsNotExpired, 0, int.MaxValue);
        }
        var needed = kind switch
        {
            ObligationKind.DataFreshness => ("max_lag_minutes", maxLag),
            ObligationKind.Coverage => ("min_coverage_percent", minCoverage),
            ObligationKind.GtfsNotExpired => ("min_valid_days_ahead", minDaysAhead),
            _ => ((string, int?)?)null,
        };
        if (needed is ({ } name, null) && !context.HasErrorAt(map.Child("thresholds")))
        {
            context.Error($"{map.Child("thresholds")}.{name}", map.Get("thresholds") ?? map.Node,
                $"obligation kind {ContractWords.Word(ContractWords.ObligationKinds, kind!.Value)} needs thresholds.{name}");
        }

        var sanctions = new List<SanctionStep>();
        var steps = map.Sequence("sanctions", required: true);
        foreach (var (stepNode, stepPath) in steps)
        {
            var step = YamlMap.Read(context, stepNode, stepPath, "after", "action", "products");
            if (step is null)
            {
                continue;
            }
            var after = Duration(step, "after", required: true);
            var action = step.Word("action", required: true, ContractWords.SanctionActions);
            var products = step.Strings("products", required: false);
            foreach (var (product, productPath, productNode) in products.Where(p => !Products.All.Contains(p.Value)))
            {
                context.Error(productPath, productNode, UnknownProduct(product));
            }
            if (action is SanctionAction.SuspendRights && products.Count == 0 && !context.HasErrorAt(step.Child("products")))
            {
                context.Error(step.Child("products"), stepNode, "suspend_rights must name the products it suspends");
            }
            if (action is SanctionAction.Warning && step.Has("products"))
            {
                context.Error(step.Child("products"), step.Get("products"), "a warning suspends nothing; products only go with suspend_rights");
            }
            if (after is { } a && sanctions.Count > 0 && a <= sanctions[^1].After)
            {
                context.Error(step.Child("after"), step.Get("after"), "sanction steps must come in order of increasing 'after'");
            }
            sanctions.Add(new SanctionStep(after ?? TimeSpan.Zero, action ?? SanctionAction.Warning, products.Select(p => p.Value).ToList()));
        }
        if (map.Has("sanctions") && steps.Count == 0 && !context.HasErrorAt(map.Child("sanctions")))
        {
            context.Error(map.Child("sanctions"), map.Get("sanctions"), "an obligation needs at least one sanction step");
        }

        var obligation = new Obligation
        {
            Id = map.String("id", required: true) ?? "",
            MemberId = map.String("member", required: true) ?? "",
            Kind = kind ?? ObligationKind.FeedAvailable,
            FeedId = map.String("feed", required: false),
            MaxLagMinutes = maxLag,
            MinCoveragePercent = minCoverage,
            MinValidDaysAhead = minDaysAhead,
            Sanctions = sanctions,
            GracePeriod = Duration(map, "grace_period", required: false) ?? TimeSpan.Zero,
            RecoveryPeriod = Duration(map, "recovery_period", required: false) ?? TimeSpan.Zero,
        };
        draft.Obligations.Add(new Located<Obligation>(obligation, path, map));
    }

    private void CheckThreshold(YamlMap thresholds, string key, int? value, ObligationKind? kind, ObligationKind appliesTo, int min, int max)
    {
        if (value is null)
        {
            return;
        }
        if (kind is not null && kind != appliesTo)
        {
            context.Error(thresholds.Child(key), thresholds.Get(key),
                $"{key} does not apply to obligation kind {ContractWords.Word(ContractWords.ObligationKinds, kind.Value)}");
        }
        else if (value < min || value > max)
        {
            context.Error(thresholds.Child(key), thresholds.Get(key), $"{key} must be between {min} and {max}, found {value}");
        }
    }

    private TimeSpan? Duration(YamlMap map, string key, bool required)
    {
        var text = map.String(key, required);
        if (text is null)
        {
            return null;
        }
        if (!ContractDuration.TryParse(text, out var duration))
        {
            context.Error(map.Child(key), map.Get(key), $"'{text}' is not a duration: {ContractDuration.Expected}");
            return null;
        }
        return duration;
    }

    private static string UnknownProduct(string product) =>
        $"unknown product '{product}'; expected one of {string.Join(", ", Products.All.Order(StringComparer.Ordinal))}";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex SirenPattern();
}
