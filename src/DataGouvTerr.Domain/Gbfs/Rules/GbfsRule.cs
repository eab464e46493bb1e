using DataGouvTerr.Domain.Notices;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DataGouvTerr.Domain.Gbfs.Rules;

/// <summary>What the sanity rules may know besides the snapshot: the time of the check and the contract's territory.</summary>
public sealed class GbfsRuleContext(DateTimeOffset now, Geometry? territory)
{
    private readonly IPreparedGeometry? _territory = territory is null ? null : PreparedGeometryFactory.Prepare(territory);

    public DateTimeOffset Now { get; } = now;

    public bool InTerritory(double longitude, double latitude) =>
        _territory is null || _territory.Covers(new Point(longitude, latitude) { SRID = 4326 });
}

/// <summary>A sanity check of a whole GBFS snapshot, beyond what the JSON Schema can say.</summary>
public interface IGbfsRule
{
    IEnumerable<Notice> Check(GbfsSnapshot snapshot, GbfsRuleContext context);
}

/// <summary>
/// Runs every sanity rule. A rule that throws becomes a <see cref="GbfsNoticeCodes.SystemError"/> notice and the
/// other rules still run: a bug in one check must not stop the feed from being ingested.
/// </summary>
public static class GbfsRules
{
    public static readonly IReadOnlyList<IGbfsRule> All =
    [
        new StaleLastUpdatedRule(),
        new ImpossibleStationCountsRule(),
        new VehicleOutsideTerritoryRule(),
        new SystemTypeFilesRule(),
    ];

    public static void Run(IEnumerable<IGbfsRule> rules, GbfsSnapshot snapshot, GbfsRuleContext context, GbfsNoticeCollector notices)
    {
        foreach (var rule in rules)
        {
            try
            {
                notices.AddRange(rule.Check(snapshot, context).ToList());
            }
            catch (Exception ex)
            {
                notices.Add(GbfsNoticeCodes.SystemError, NoticeSeverity.Error, new NoticeLocation(rule.GetType().Name),
                    $"The rule failed and was skipped: {ex.Message}");
            }
        }
    }
}
