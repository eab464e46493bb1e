using DataGouvTerr.Domain.Contracts;
using static DataGouvTerr.Domain.Tests.Contracts.ContractFixture;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>
/// One test per way a contract can be wrong: each breaks one thing in the valid fixture and checks the exact error
/// (YAML path and reason, and the line when it matters), so a change of wording or location is a visible decision.
/// </summary>
public sealed class ContractValidationTests
{
    private const string TerritoryGeometry = "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]}";
    private const string AomRight = "{member: aom, product: od-flows, scope: own_perimeter, resolution: grid-200m, time_bin: 1h, min_count: 10, delay: 24h}";
    private const string MdsFeed = "{id: mds-scoot, kind: mds, provided_by: scoot, source: {push: true}, retention_days: 30, provider_ids: [7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b]}";
    private const string GtfsFeed = "{id: gtfs, kind: gtfs, provided_by: transit, source: {url: \"https://example.org/gtfs.zip\"}, schedule: \"0 4 * * *\", retention_days: 365}";

    private static void AssertError(ExpectedError expected, string yaml)
    {
        var error = SingleError(yaml);
        Assert.Equal((expected.Path, expected.Reason), (error.YamlPath, error.Reason));
        Assert.Equal(Source, error.Source);
        if (expected.Line is not null)
        {
            Assert.Equal(expected.Line, error.Line);
        }
    }

    private sealed record ExpectedError(string Path, string Reason, int? Line = null);

    // --- Syntax and shape -------------------------------------------------------------------------------------

    [Fact]
    public void Malformed_yaml_gives_line_and_column()
    {
        var error = SingleError(With("  name: Test territory", "  name: \"Test territory"));

        Assert.Equal(("", 5, 9), (error.YamlPath, error.Line, error.Column));
        Assert.Equal("test-contract.yaml (line 5, column 9): malformed YAML: While scanning a multi-line double-quoted scalar, found wrong indentation.", error.ToString());
    }

    [Fact]
    public void Unclosed_flow_list_is_reported_where_reading_stopped()
    {
        // YamlDotNet throws InvalidOperationException here, without a position, rather than a YamlException.
        var error = SingleError(With("amendable_by: [aom]", "amendable_by: [aom"));

        Assert.Equal(("", 3, 15), (error.YamlPath, error.Line, error.Column));
        Assert.Equal("malformed YAML: the text after this point cannot be read (an unclosed [ or { list, or a quote?)", error.Reason);
    }

    [Fact]
    public void Bad_indentation_gives_line_and_column()
    {
        var error = SingleError(With("  name: Test territory", "  name: Test territory\n bad: indent"));

        Assert.Equal("", error.YamlPath);
        Assert.Equal(6, error.Line);
        Assert.StartsWith("malformed YAML: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_refused() =>
        AssertError(new("", "the contract is empty"), "# nothing but a comment\n");

    [Fact]
    public void Root_must_be_a_mapping() =>
        AssertError(new("", "expected a mapping (key: value lines), found a list", 1), "- version: 1\n");

    [Fact]
    public void Unknown_key_is_an_error() =>
        AssertError(new("members[1].colour", "unknown key 'colour': expected one of id, name, kind, siren, perimeter, perimeter_file", 19),
            With("{id: scoot, name: Scoot, kind: operator}", "{id: scoot, name: Scoot, kind: operator, colour: red}"));

    [Fact]
    public void Misspelt_key_is_reported_with_a_suggestion_and_the_missing_key()
    {
        var result = Load(With("min_count: 10", "min_cout: 10"));

        Assert.Equal(
            [
                ("rights[0].min_cout", "unknown key 'min_cout': did you mean 'min_count'? expected one of member, product, scope, resolution, time_bin, min_count, delay, operator_names_visible, epsilon, delta, conditional_on_obligations"),
                ("rights[0].min_count", "required key 'min_count' is missing"),
            ],
            result.Errors.Select(e => (e.YamlPath, e.Reason)));
    }

    [Fact]
    public void Missing_required_key() =>
        AssertError(new("feeds[1].retention_days", "required key 'retention_days' is missing", 24),
            With(GtfsFeed, GtfsFeed.Replace(", retention_days: 365", "", StringComparison.Ordinal)));

    [Fact]
    public void Wrong_type_number_expected() =>
        AssertError(new("rights[0].min_count", "expected a whole number, found 'ten'"), With("min_count: 10", "min_count: ten"));

    [Fact]
    public void Wrong_type_list_expected() =>
        AssertError(new("amendable_by", "expected a list, found 'aom'", 3), With("amendable_by: [aom]", "amendable_by: aom"));

    [Fact]
    public void Wrong_type_text_expected() =>
        AssertError(new("version", "expected a text value, found a list"), With("version: \"1\"", "version: [1]"));

    [Fact]
    public void Wrong_type_boolean_expected() =>
        AssertError(new("rights[0].operator_names_visible", "expected true or false, found 'yes'"),
            With(AomRight, AomRight.Replace("delay: 24h", "delay: 24h, operator_names_visible: yes", StringComparison.Ordinal)));

    [Fact]
    public void Unknown_member_kind() =>
        AssertError(new("members[3].kind", "'urbaniste' is not one of aom, operator, planner, association, admin"),
            With("kind: planner", "kind: urbaniste"));

    // --- Header -----------------------------------------------------------------------------------------------

    [Fact]
    public void Malformed_effective_date() =>
        AssertError(new("effective_date", "'01/01/2026' is not a date; write it as YYYY-MM-DD", 2),
            With("effective_date: 2026-01-01", "effective_date: 01/01/2026"));

    [Fact]
    public void Amendable_by_unknown_member() =>
        AssertError(new("amendable_by[1]", "unknown member 'prefecture'; members of this contract: aom, scoot, transit, planner"),
            With("amendable_by: [aom]", "amendable_by: [aom, prefecture]"));

    // --- Members --------------------------------------------------------------------------------------------

    [Fact]
    public void Duplicate_member_id() =>
        AssertError(new("members[4].id", "duplicate member id 'scoot' (first at members[1])", 22),
            With("{id: planner, name: Planner, kind: planner}", "{id: planner, name: Planner, kind: planner}\n  - {id: scoot, name: Scoot again, kind: operator}"));

    [Fact]
    public void Member_id_with_capitals_is_refused() =>
        AssertError(new("members[3].id", "'Planner' is not a valid id: use lower-case letters, digits and hyphens (it appears in URLs and tokens)"),
            With("{id: planner, name: Planner, kind: planner}", "{id: Planner, name: Planner, kind: planner}")
                .Replace("{member: planner,", "{member: Planner,", StringComparison.Ordinal));

    [Fact]
    public void Siren_must_have_nine_digits() =>
        AssertError(new("members[0].siren", "'20002341' is not a SIREN: it has exactly 9 digits (quote it so YAML keeps leading zeros)"),
            With("{id: aom, name: AOM, kind: aom,", "{id: aom, name: AOM, kind: aom, siren: \"20002341\","));

    [Fact]
    public void Perimeter_outside_the_territory() =>
        AssertError(new("members[0].perimeter", "perimeter is not inside the territory: 8070.61 ha lie outside it (tolerance 50 m)", 18),
            With("[[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55], [1.05, 49.35]]]", "[[[1.05, 49.35], [1.35, 49.35], [1.35, 49.55], [1.05, 49.55], [1.05, 49.35]]]"));

    [Fact]
    public void Perimeter_just_over_the_border_is_within_tolerance()
    {
        // 0.0003° of longitude is about 22 m at this latitude: inside the 50 m tolerance.
        var result = Load(With("[[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55], [1.05, 49.35]]]",
            "[[[1.05, 49.35], [1.3003, 49.35], [1.3003, 49.55], [1.05, 49.55], [1.05, 49.35]]]"));

        Assert.Empty(result.Errors);
    }

    // --- Geometry ----------------------------------------------------------------------------------------------

    [Fact]
    public void Unclosed_ring() =>
        AssertError(new("territory.geometry.coordinates[0]", "ring is not closed: it starts at (1 49.3) and ends at (1 49.6)", 6),
            With(TerritoryGeometry, "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6]]]}"));

    [Fact]
    public void Self_intersecting_polygon_reports_the_reason_from_IsValidOp() =>
        AssertError(new("territory.geometry", "invalid geometry: Self-intersection at (1.15 49.45)", 6),
            With(TerritoryGeometry, "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.6], [1.3, 49.3], [1.0, 49.6], [1.0, 49.3]]]}"));

    [Fact]
    public void Ring_with_too_few_positions() =>
        AssertError(new("territory.geometry.coordinates[0]", "a ring needs at least 4 positions (the last repeating the first), found 3"),
            With(TerritoryGeometry, "geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.0, 49.3]]]}"));

    [Fact]
    public void Point_is_not_an_area() =>
        AssertError(new("territory.geometry.type", "expected a Polygon or MultiPolygon, found Point"),
            With(TerritoryGeometry, "geometry: {type: Point, coordinates: [1.0, 49.3]}"));

    [Fact]
    public void Lambert93_coordinates_are_refused() =>
        AssertError(new("territory.geometry.coordinates[0][0]", "(560000 6930000) is not a WGS84 longitude, latitude in degrees (Lambert-93 metres must be converted first)"),
            With(TerritoryGeometry, "geometry: {type: Polygon, coordinates: [[[560000, 6930000], [580000, 6930000], [580000, 6950000], [560000, 6930000]]]}"));

    [Fact]
    public void Geometry_json_string_that_is_not_json() =>
        AssertError(new("territory.geometry", "geometry is not valid GeoJSON text: '{' is invalid after a property name. Expected a ':'. LineNumber: 0 | BytePositionInLine: 8."),
            With(TerritoryGeometry, "geometry: '{\"type\" {'"));

    [Fact]
    public void Geometry_file_in_a_contract_given_as_text() =>
        AssertError(new("territory.geometry_file", "geometry_file can only be used when the contract is loaded from a file"),
            With(TerritoryGeometry, "geometry_file: territory.geojson"));

    [Fact]
    public void Geometry_and_geometry_file_together() =>
        AssertError(new("territory.geometry_file", "give either 'geometry' or 'geometry_file', not both"),
            With(TerritoryGeometry, TerritoryGeometry + "\n  geometry_file: territory.geojson"));

    [Fact]
    public void Missing_geometry_file()
    {
        var dir = Directory.CreateTempSubdirectory("contract-test-");
        try
        {
            var path = Path.Combine(dir.FullName, "contract.yaml");
            File.WriteAllText(path, With(TerritoryGeometry, "geometry_file: shapes/missing.geojson"));

            var error = Assert.Single(Loading(path).Errors);

            Assert.Equal(("territory.geometry_file", $"geometry file 'shapes/missing.geojson' not found (looked for {Path.Combine(dir.FullName, "shapes", "missing.geojson")})"),
                (error.YamlPath, error.Reason));
            Assert.Equal(path, error.Source);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // --- Zoning ----------------------------------------------------------------------------------------------

    [Fact]
    public void Grid_size_must_be_positive() =>
        AssertError(new("zoning.grids[0].cell_size_m", "cell size must be a positive number of metres, found 0"),
            With("cell_size_m: 200", "cell_size_m: 0"));

    [Fact]
    public void Duplicate_zoning_id() =>
        AssertError(new("zoning.zone_sets[0].id", "duplicate zoning id 'grid-200m': grids and zone sets share one list of resolution ids"),
            With("- id: communes", "- id: grid-200m").Replace("resolution: communes", "resolution: grid-200m", StringComparison.Ordinal));

    [Fact]
    public void Duplicate_zone_code() =>
        AssertError(new("zoning.zone_sets[0].zones[1].code", "duplicate zone code '76540' in zone set 'communes'"),
            With("code: \"76498\"", "code: \"76540\""));

    [Fact]
    public void Overlapping_zones() =>
        AssertError(new("zoning.zone_sets[0].zones[1].geometry", "zone '76498' overlaps zone '76540' by 16147472 m²: zones of one set must not overlap, or one trip would count twice"),
            With("[[[1.10, 49.40], [1.15, 49.40], [1.15, 49.45], [1.10, 49.45], [1.10, 49.40]]]", "[[[1.06, 49.40], [1.15, 49.40], [1.15, 49.45], [1.06, 49.45], [1.06, 49.40]]]"));

    [Fact]
    public void Zone_outside_the_territory() =>
        AssertError(new("zoning.zone_sets[0].zones[1].geometry", "zone '76498' is not inside the territory: 1211.15 ha lie outside it (tolerance 50 m)"),
            With("[[[1.10, 49.40], [1.15, 49.40], [1.15, 49.45], [1.10, 49.45], [1.10, 49.40]]]", "[[[1.28, 49.40], [1.33, 49.40], [1.33, 49.45], [1.28, 49.45], [1.28, 49.40]]]"));

    // --- Feeds -----------------------------------------------------------------------------------------------

    [Fact]
    public void Duplicate_feed_id() =>
        AssertError(new("feeds[1].id", "duplicate feed id 'mds-scoot' (first at feeds[0])"),
            With("{id: gtfs, kind: gtfs,", "{id: mds-scoot, kind: gtfs,"));

    [Fact]
    public void Feed_provided_by_unknown_member() =>
        AssertError(new("feeds[1].provided_by", "unknown member 'tcar'; members of this contract: aom, scoot, transit, planner"),
            With("provided_by: transit", "provided_by: tcar"));

    [Fact]
    public void Retention_days_must_be_positive() =>
        AssertError(new("feeds[1].retention_days", "retention must be a positive number of days, found 0"),
            With("retention_days: 365", "retention_days: 0"));

    [Fact]
    public void Mds_feed_without_provider_ids() =>
        AssertError(new("feeds[0].provider_ids", "an mds feed needs provider_ids: the MDS provider ids (UUIDs) the operator sends data under"),
            With(", provider_ids: [7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b]}", "}"));

    [Fact]
    public void Mds_provider_id_must_be_a_uuid() =>
        AssertError(new("feeds[0].provider_ids[0]", "'scoot-42' is not a UUID (MDS provider ids look like 7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b)"),
            With("provider_ids: [7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b]", "provider_ids: [scoot-42]"));

    [Fact]
    public void Mds_feed_provided_by_a_non_operator() =>
        AssertError(new("feeds[0].provided_by", "an mds feed must be provided by an operator; 'scoot' is planner"),
            With("{id: scoot, name: Scoot, kind: operator}", "{id: scoot, name: Scoot, kind: planner}"));

    [Fact]
    public void Provider_id_declared_by_two_feeds() =>
        AssertError(new("feeds[2].provider_ids", "provider id 7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b is already declared by feed 'mds-scoot': pushed data must map to one feed"),
            With(GtfsFeed, GtfsFeed + "\n  - " + MdsFeed.Replace("mds-scoot", "mds-other", StringComparison.Ordinal)));

    [Fact]
    public void Provider_ids_on_a_gtfs_feed() =>
        AssertError(new("feeds[1].provider_ids", "'provider_ids' only applies to mds feeds"),
            With("retention_days: 365}", "retention_days: 365, provider_ids: [0b0c3f5e-1111-4e6f-9a1b-2c3d4e5f6a7b]}"));

    [Fact]
    public void Unknown_mds_mode() =>
        AssertError(new("feeds[0].mode", "'scooter' is not an MDS mode; expected one of car-share, delivery-robots, micromobility, passenger-services"),
            With("retention_days: 30,", "retention_days: 30, mode: scooter,"));

    [Fact]
    public void Bad_cron_schedule() =>
        AssertError(new("feeds[1].schedule", "'61' is not a valid minute in cron schedule '61 4 * * *' (allowed 0-59)"),
            With("schedule: \"0 4 * * *\"", "schedule: \"61 4 * * *\""));

    [Fact]
    public void Cron_schedule_with_wrong_field_count() =>
        AssertError(new("feeds[1].schedule", "'0 4 * *' has 4 fields; a cron schedule has five: minute hour day-of-month month day-of-week"),
            With("schedule: \"0 4 * * *\"", "schedule: \"0 4 * *\""));

    [Fact]
    public void Pulled_feed_without_schedule() =>
        AssertError(new("feeds[1].schedule", "a pulled feed (url or file) needs a cron schedule"),
            With(", schedule: \"0 4 * * *\"", ""));

    [Fact]
    public void Pushed_feed_with_schedule() =>
        AssertError(new("feeds[0].schedule", "a pushed feed has no schedule: the operator sends data when it has some"),
            With("source: {push: true},", "source: {push: true}, schedule: \"0 * * * *\","));

    [Fact]
    public void Source_with_two_kinds() =>
        AssertError(new("feeds[1].source", "a source has exactly one of url, file or push, found url and file"),
            With("source: {url: \"https://example.org/gtfs.zip\"}", "source: {url: \"https://example.org/gtfs.zip\", file: gtfs.zip}"));

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("~/gtfs.zip")]
    public void A_file_source_must_be_a_relative_path(string file)
    {
        // file:///etc/passwd made the hub read and serve a system file: only paths relative to the contract are read.
        var error = SingleError(With("source: {url: \"https://example.org/gtfs.zip\"}", $"source: {{file: \"{file}\"}}"));
        Assert.Equal("feeds[1].source.file", error.YamlPath);
        Assert.StartsWith($"'{file}' is not a relative path: a file source is a path relative to the contract file", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_url_may_not_be_a_file_url() =>
        AssertError(new("feeds[1].source.url", "'file:///etc/passwd' is not an absolute http(s) URL"),
            With("source: {url: \"https://example.org/gtfs.zip\"}", "source: {url: \"file:///etc/passwd\"}"));

    [Fact]
    public void Source_url_must_be_http() =>
        AssertError(new("feeds[1].source.url", "'ftp://example.org/gtfs.zip' is not an absolute http(s) URL"),
            With("https://example.org/gtfs.zip", "ftp://example.org/gtfs.zip"));

    // --- Rights ----------------------------------------------------------------------------------------------

    [Fact]
    public void Right_for_unknown_member() =>
        AssertError(new("rights[1].member", "unknown member 'urbanisme'; members of this contract: aom, scoot, transit, planner"),
            With("{member: planner,", "{member: urbanisme,"));

    [Fact]
    public void Unknown_product() =>
        AssertError(new("rights[0].product", "unknown product 'od-flow'; expected one of availability, feed-reports, first-last-mile, indicators, od-flows, stop-maps"),
            With("product: od-flows", "product: od-flow"));

    [Fact]
    public void Unknown_resolution() =>
        AssertError(new("rights[0].resolution", "unknown resolution 'grid-100m'; expected a zoning id of this contract or 'stop': grid-200m, grid-1000m, communes, stop"),
            With("resolution: grid-200m", "resolution: grid-100m"));

    [Fact]
    public void Min_count_below_two() =>
        AssertError(new("rights[1].min_count", "min_count (k) must be at least 2, found 1: a count of one person's trips identifies that person"),
            With("min_count: 5", "min_count: 1"));

    [Fact]
    public void Unknown_scope() =>
        AssertError(new("rights[0].scope", "'perimeter' is not one of own_perimeter, territory"),
            With("scope: own_perimeter", "scope: perimeter"));

    [Fact]
    public void Bad_time_bin_duration() =>
        AssertError(new("rights[0].time_bin", "'1 hour' is not a duration: write a whole number followed by m, h, d or w (e.g. 15m, 24h, 7d), or 0"),
            With("time_bin: 1h, min_count: 10", "time_bin: 1 hour, min_count: 10"));

    [Fact]
    public void Zero_time_bin() =>
        AssertError(new("rights[0].time_bin", "time_bin must be longer than 0"),
            With("time_bin: 1h, min_count: 10", "time_bin: 0, min_count: 10"));

    [Fact]
    public void Bad_delay_duration() =>
        AssertError(new("rights[0].delay", "'1M' is not a duration: write a whole number followed by m, h, d or w (e.g. 15m, 24h, 7d), or 0"),
            With("delay: 24h", "delay: 1M"));

    [Fact]
    public void Two_rights_for_the_same_member_and_product() =>
        AssertError(new("rights[1]", "member 'aom' already has a right to 'od-flows' at rights[0]; one right per member and product"),
            With(AomRight, AomRight + "\n  - " + AomRight.Replace("grid-200m", "grid-1000m", StringComparison.Ordinal)));

    // --- Obligations -----------------------------------------------------------------------------------------

    [Fact]
    public void Duplicate_obligation_id() =>
        AssertError(new("obligations[1].id", "duplicate obligation id 'scoot-freshness' (first at obligations[0])"),
            Valid + "  - {id: scoot-freshness, member: transit, kind: gtfs_valid, feed: gtfs, sanctions: [{after: 7d, action: warning}]}\n");

    [Fact]
    public void Obligation_for_unknown_feed() =>
        AssertError(new("obligations[0].feed", "unknown feed 'mds-scooot'; declared feeds: mds-scoot, gtfs"),
            With("feed: mds-scoot", "feed: mds-scooot"));

    [Fact]
    public void Obligation_on_another_members_feed() =>
        AssertError(new("obligations[1].feed", "feed 'mds-scoot' is provided by 'scoot', not by 'transit' who owes this obligation"),
            Valid + "  - {id: transit-fresh, member: transit, kind: data_freshness, feed: mds-scoot, thresholds: {max_lag_minutes: 5}, sanctions: [{after: 7d, action: warning}]}\n");

    [Fact]
    public void Obligation_kind_that_does_not_fit_the_feed() =>
        AssertError(new("obligations[1].feed", "obligation kind gtfs_valid applies to gtfs feeds; 'mds-scoot' is mds"),
            Valid + "  - {id: scoot-gtfs, member: scoot, kind: gtfs_valid, feed: mds-scoot, sanctions: [{after: 7d, action: warning}]}\n");

    [Fact]
    public void Obligation_without_its_threshold() =>
        AssertError(new("obligations[0].thresholds.max_lag_minutes", "obligation kind data_freshness needs thresholds.max_lag_minutes"),
            With("    thresholds: {max_lag_minutes: 60}\n", ""));

    [Fact]
    public void Threshold_of_another_kind() =>
        AssertError(new("obligations[0].thresholds.min_coverage_percent", "min_coverage_percent does not apply to obligation kind data_freshness"),
            With("{max_lag_minutes: 60}", "{max_lag_minutes: 60, min_coverage_percent: 90}"));

    [Fact]
    public void Sanction_suspending_an_unknown_product() =>
        AssertError(new("obligations[0].sanctions[1].products[0]", "unknown product 'availabilty'; expected one of availability, feed-reports, first-last-mile, indicators, od-flows, stop-maps"),
            With("products: [availability]", "products: [availabilty]"));

    [Fact]
    public void Sanction_suspending_a_right_the_member_does_not_have() =>
        AssertError(new("obligations[0].sanctions[1].products", "member 'scoot' has no right to 'od-flows' that could be suspended"),
            With("products: [availability]", "products: [od-flows]"));

    [Fact]
    public void Suspension_without_products() =>
        AssertError(new("obligations[0].sanctions[1].products", "suspend_rights must name the products it suspends"),
            With(", products: [availability]}", "}"));

    [Fact]
    public void Sanction_steps_out_of_order() =>
        AssertError(new("obligations[0].sanctions[1].after", "sanction steps must come in order of increasing 'after'"),
            With("{after: 30d, action: suspend_rights", "{after: 2d, action: suspend_rights"));

    [Fact]
    public void Unknown_sanction_action() =>
        AssertError(new("obligations[0].sanctions[0].action", "'fine' is not one of warning, suspend_rights"),
            With("action: warning", "action: fine"));

    // --- All at once ----------------------------------------------------------------------------------------

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var yaml = With("effective_date: 2026-01-01", "effective_date: 2026-13-01");
        yaml = With(yaml, "cell_size_m: 200", "cell_size_m: -200");
        yaml = With(yaml, "[[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55], [1.05, 49.35]]]", "[[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55]]]");
        yaml = With(yaml, "min_count: 5", "min_count: 1");
        yaml = With(yaml, "{member: scoot, product: availability", "{member: ghost, product: availability");
        yaml = With(yaml, "kind: planner", "kind: planner, colour: red");
        yaml = With(yaml, "retention_days: 365", "retention_days: -1");

        var result = Load(yaml);

        Assert.Null(result.Contract);
        Assert.Equal(
            [
                "effective_date",
                "zoning.grids[0].cell_size_m",
                "members[0].perimeter.coordinates[0]",
                "members[3].colour",
                "feeds[1].retention_days",
                "rights[1].min_count",
                "rights[2].member",
                "obligations[0].sanctions[1].products",
            ],
            result.Errors.Select(e => e.YamlPath));
        Assert.All(result.Errors, e => Assert.NotNull(e.Line));
    }

    private static ContractLoadResult Loading(string path) => ContractLoader.LoadFile(path);
}
