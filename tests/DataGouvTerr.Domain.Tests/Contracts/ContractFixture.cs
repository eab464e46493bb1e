using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>
/// A small valid contract, written out so each invalid-contract test can break exactly one thing in it and check
/// the one error that results. Kept apart from the sample so that editing the demo cannot change these tests.
/// </summary>
internal static class ContractFixture
{
    public const string Source = "test-contract.yaml";

    public const string Valid = """
        version: "1"
        effective_date: 2026-01-01
        amendable_by: [aom]
        territory:
          name: Test territory
          geometry: {type: Polygon, coordinates: [[[1.0, 49.3], [1.3, 49.3], [1.3, 49.6], [1.0, 49.6], [1.0, 49.3]]]}
        zoning:
          grids:
            - {id: grid-200m, cell_size_m: 200}
            - {id: grid-1000m, cell_size_m: 1000}
          zone_sets:
            - id: communes
              name: Communes
              zones:
                - {code: "76540", name: Rouen, geometry: {type: Polygon, coordinates: [[[1.05, 49.40], [1.10, 49.40], [1.10, 49.45], [1.05, 49.45], [1.05, 49.40]]]}}
                - {code: "76498", name: Le Petit-Quevilly, geometry: {type: Polygon, coordinates: [[[1.10, 49.40], [1.15, 49.40], [1.15, 49.45], [1.10, 49.45], [1.10, 49.40]]]}}
        members:
          - {id: aom, name: AOM, kind: aom, perimeter: {type: Polygon, coordinates: [[[1.05, 49.35], [1.25, 49.35], [1.25, 49.55], [1.05, 49.55], [1.05, 49.35]]]}}
          - {id: scoot, name: Scoot, kind: operator}
          - {id: transit, name: Transit, kind: operator}
          - {id: planner, name: Planner, kind: planner}
        feeds:
          - {id: mds-scoot, kind: mds, provided_by: scoot, source: {push: true}, retention_days: 30, provider_ids: [7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b]}
          - {id: gtfs, kind: gtfs, provided_by: transit, source: {url: "https://example.org/gtfs.zip"}, schedule: "0 4 * * *", retention_days: 365}
        rights:
          - {member: aom, product: od-flows, scope: own_perimeter, resolution: grid-200m, time_bin: 1h, min_count: 10, delay: 24h}
          - {member: planner, product: stop-maps, scope: territory, resolution: stop, time_bin: 1h, min_count: 5, delay: 0}
          - {member: scoot, product: availability, scope: territory, resolution: communes, time_bin: 15m, min_count: 2, delay: 0}
        obligations:
          - id: scoot-freshness
            member: scoot
            kind: data_freshness
            feed: mds-scoot
            thresholds: {max_lag_minutes: 60}
            sanctions:
              - {after: 7d, action: warning}
              - {after: 30d, action: suspend_rights, products: [availability]}

        """;

    /// <summary>The valid fixture with one piece of text replaced; the piece must occur exactly once.</summary>
    public static string With(string original, string replacement) => With(Valid, original, replacement);

    public static string With(string yaml, string original, string replacement)
    {
        var first = yaml.IndexOf(original, StringComparison.Ordinal);
        Assert.True(first >= 0, $"fixture text not found: {original}");
        Assert.True(yaml.IndexOf(original, first + 1, StringComparison.Ordinal) < 0, $"fixture text not unique: {original}");
        return string.Concat(yaml.AsSpan(0, first), replacement, yaml.AsSpan(first + original.Length));
    }

    public static ContractLoadResult Load(string yaml) => ContractLoader.Load(yaml, Source);

    /// <summary>Loads <paramref name="yaml"/>, expecting it to be refused for exactly one reason, and returns that error.</summary>
    public static ContractError SingleError(string yaml)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid);
        Assert.Null(result.Contract);
        return Assert.Single(result.Errors);
    }
}
