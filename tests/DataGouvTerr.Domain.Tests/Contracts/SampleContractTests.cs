using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>
/// The sample contract in <c>feeds/contracts/</c> loads, keeps the ids other parts of the hub build on, and gives
/// each member the different products the demo is meant to show.
/// </summary>
public sealed class SampleContractTests
{
    private static readonly MobilityContract Contract = LoadSample();

    private static MobilityContract LoadSample()
    {
        var result = ContractLoader.LoadFile(SampleContract.Path);
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        return result.Contract!;
    }

    [Fact]
    public void Sample_contract_loads_without_errors()
    {
        var result = ContractLoader.LoadFile(SampleContract.Path);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.True(result.IsValid);
        Assert.Equal(("2026.1", new DateOnly(2026, 1, 1)), (result.Contract!.Version, result.Contract.EffectiveDate));
    }

    [Fact]
    public void Sample_keeps_the_fixed_ids()
    {
        Assert.Equal(
            ["metropole-rouen", "region-normandie", "scoot-normandie", "cyclo-seine", "velos-rouen", "reseau-astuce-exemple", "agence-urbanisme", "asso-velo", "tiers-de-confiance"],
            Contract.Members.Select(m => m.Id));
        Assert.Equal(
            [MemberKind.Aom, MemberKind.Aom, MemberKind.Operator, MemberKind.Operator, MemberKind.Operator, MemberKind.Operator, MemberKind.Planner, MemberKind.Association, MemberKind.Admin],
            Contract.Members.Select(m => m.Kind));
        Assert.Equal(["gtfs-reseau", "mds-scoot", "mds-cyclo", "gbfs-velos"], Contract.Feeds.Select(f => f.Id));
        Assert.Equal(["grid-200m", "grid-500m", "grid-1000m"], Contract.Zoning.Grids.Select(g => g.Id));
        Assert.Equal(["communes"], Contract.Zoning.ZoneSets.Select(z => z.Id));
    }

    [Fact]
    public void Sample_feeds_point_at_the_sample_files_and_the_mds_provider()
    {
        var gtfs = Contract.FindFeed("gtfs-reseau")!;
        var mds = Contract.FindFeed("mds-scoot")!;
        var gbfs = Contract.FindFeed("gbfs-velos")!;

        Assert.Equal((FeedKind.Gtfs, "reseau-astuce-exemple", FeedSourceKind.File, "../gtfs/reseau-exemple.zip"), (gtfs.Kind, gtfs.ProvidedBy, gtfs.SourceKind, gtfs.Source));
        Assert.Equal((FeedKind.Mds, "scoot-normandie", FeedSourceKind.Push), (mds.Kind, mds.ProvidedBy, mds.SourceKind));
        Assert.Equal([Guid.Parse("7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b")], mds.ProviderIds);
        Assert.Equal((FeedKind.Gbfs, "velos-rouen", FeedSourceKind.File, "../gbfs/gbfs.json"), (gbfs.Kind, gbfs.ProvidedBy, gbfs.SourceKind, gbfs.Source));
    }

    [Fact]
    public void Sample_communes_are_the_ten_real_insee_codes()
    {
        var communes = Contract.Zoning.ZoneSets.Single().Zones;

        Assert.Equal(
            ["76108", "76157", "76212", "76216", "76322", "76451", "76498", "76540", "76575", "76681"],
            communes.Select(z => z.Code).Order(StringComparer.Ordinal));
        Assert.All(communes, z => Assert.True(z.Area.IsValid && Contract.Territory.Area.Covers(z.Area), z.Name));
        Assert.Equal("Rouen", communes.Single(z => z.Code == "76540").Name);
    }

    [Fact]
    public void Sample_territory_is_around_the_metropole_rouen_normandie()
    {
        var envelope = Contract.Territory.Area.EnvelopeInternal;

        Assert.Equal((0.95, 1.25, 49.33, 49.52), (envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY));
        Assert.True(Contract.Territory.Area.Covers(Contract.FindMember("metropole-rouen")!.Perimeter!));
    }

    [Theory]
    [InlineData("metropole-rouen", Products.OdFlows, "grid-500m", 10, 24)]
    [InlineData("region-normandie", Products.OdFlows, "communes", 10, 24)]
    [InlineData("agence-urbanisme", Products.FirstLastMile, "grid-200m", 5, 24)]
    [InlineData("agence-urbanisme", Products.StopMaps, "stop", 5, 0)]
    [InlineData("asso-velo", Products.Indicators, "communes", 20, 168)]
    public void Sample_rights_differ_per_member(string member, string product, string resolution, int k, int delayHours)
    {
        var right = Contract.RightsOf(member).Single(r => r.Product == product);

        Assert.Equal((resolution, k, TimeSpan.FromHours(delayHours)), (right.Resolution, right.MinCount, right.Delay));
    }

    [Fact]
    public void Sample_gives_the_association_indicators_only_and_names_only_to_the_bike_operator()
    {
        Assert.Equal([Products.Indicators], Contract.RightsOf("asso-velo").Select(r => r.Product));
        Assert.Equal(["velos-rouen"], Contract.Rights.Where(r => r.OperatorNamesVisible).Select(r => r.MemberId).Distinct());
        Assert.All(["scoot-normandie", "velos-rouen"], op => Assert.Contains(Contract.RightsOf(op), r => r.Product == Products.Availability));
    }

    [Fact]
    public void Sample_metropole_reads_flows_in_its_perimeter_a_day_late()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var allowed = AccessPolicy.Decide(Contract, MemberStanding.Good, new AccessRequest("metropole-rouen", Products.OdFlows, Resolution: "grid-1000m"), now);
        var finer = AccessPolicy.Decide(Contract, MemberStanding.Good, new AccessRequest("metropole-rouen", Products.OdFlows, Resolution: "grid-200m"), now);
        var association = AccessPolicy.Decide(Contract, MemberStanding.Good, new AccessRequest("asso-velo", Products.OdFlows), now);

        Assert.True(allowed.Allowed);
        Assert.True(allowed.EffectiveArea!.EqualsTopologically(Contract.FindMember("metropole-rouen")!.Perimeter!));
        Assert.Equal("finer-than-allowed", finer.Code);
        Assert.Equal("no-right", association.Code);
    }

    [Fact]
    public void Sample_obligations_escalate_from_warning_to_suspension()
    {
        Assert.Equal(
            ["scoot-freshness", "scoot-coverage", "reseau-gtfs-valid", "reseau-gtfs-not-expired", "velos-feed-available"],
            Contract.Obligations.Select(o => o.Id));
        Assert.Equal((60, 90, 7),
            (Contract.Obligations[0].MaxLagMinutes, Contract.Obligations[1].MinCoveragePercent, Contract.Obligations[3].MinValidDaysAhead));
        Assert.All(Contract.Obligations, o =>
        {
            Assert.Equal([SanctionAction.Warning, SanctionAction.SuspendRights], o.Sanctions.Select(s => s.Action));
            Assert.NotEmpty(o.Sanctions[1].SuspendedProducts);
        });
    }
}
