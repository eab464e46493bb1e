using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Rules;
using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsRulesTests
{
    private static readonly GbfsRuleContext Context = new(GbfsSnapshots.Now, GbfsSnapshots.Rouen);

    [Fact]
    public void Stale_last_updated_beyond_ttl_plus_five_minutes()
    {
        var snapshot = GbfsSnapshots.Docked([], []) with
        {
            Files =
            [
                GbfsSnapshots.Header(GbfsFiles.StationStatus, GbfsSnapshots.Now.AddSeconds(-60 - 301), 60),
                GbfsSnapshots.Header(GbfsFiles.StationInformation, GbfsSnapshots.Now.AddSeconds(-60 - 299), 60),
            ],
        };

        var notice = Assert.Single(new StaleLastUpdatedRule().Check(snapshot, Context));

        Assert.Equal(GbfsNoticeCodes.StaleLastUpdated, notice.Code);
        Assert.Equal("https://example.org/gbfs/station_status.json", notice.Location.Source);
    }

    [Fact]
    public void Last_updated_far_in_the_future_is_reported()
    {
        var snapshot = GbfsSnapshots.Docked([], []) with { Files = [GbfsSnapshots.Header(GbfsFiles.StationStatus, GbfsSnapshots.Now.AddMinutes(10), 60)] };

        Assert.Equal(GbfsNoticeCodes.TimestampInFuture, Assert.Single(new StaleLastUpdatedRule().Check(snapshot, Context)).Code);
    }

    [Fact]
    public void Counts_beyond_capacity_negative_counts_and_unknown_stations()
    {
        var snapshot = GbfsSnapshots.Docked(
            [new GbfsStation("a", "A", 1.09, 49.44, 10, false), new GbfsStation("b", "B", 1.10, 49.44, 10, false), new GbfsStation("c", "C", 1.1, 49.44, 10, false)],
            [GbfsSnapshots.Status("a", 8, 5), GbfsSnapshots.Status("b", -1, 5), GbfsSnapshots.Status("c", 4, 6), GbfsSnapshots.Status("z", 1, 1)]);

        var notices = new ImpossibleStationCountsRule().Check(snapshot, Context).ToList();

        Assert.Equal(3, notices.Count);
        Assert.Equal((GbfsNoticeCodes.ImpossibleStationCounts, "station a"), (notices[0].Code, notices[0].Location.Path));
        Assert.Equal((GbfsNoticeCodes.ImpossibleStationCounts, "station b"), (notices[1].Code, notices[1].Location.Path));
        Assert.Equal((GbfsNoticeCodes.UnknownStation, "z"), (notices[2].Code, notices[2].Location.Value));
    }

    [Fact]
    public void Vehicles_and_stations_outside_the_territory()
    {
        var snapshot = GbfsSnapshots.Docked([new GbfsStation("paris", "P", 2.35, 48.85, 10, false), new GbfsStation("rouen", "R", 1.09, 49.44, 10, false)], []) with
        {
            Vehicles = [new GbfsVehicle(49.44, 1.09, null, null, false, false), new GbfsVehicle(1.09, 49.44, null, null, false, false)],
        };

        var notices = new VehicleOutsideTerritoryRule().Check(snapshot, Context).ToList();

        Assert.Equal([GbfsNoticeCodes.VehicleOutsideTerritory, GbfsNoticeCodes.StationOutsideTerritory], notices.Select(n => n.Code));
        Assert.Equal("1.09,49.44", notices[0].Location.Value);
    }

    [Fact]
    public void Docked_system_without_station_status_and_system_without_availability()
    {
        var docked = GbfsSnapshots.Docked([], []) with { Discovery = GbfsSnapshots.Discovery(GbfsFiles.SystemInformation, GbfsFiles.StationInformation) };
        var empty = GbfsSnapshots.Docked([], []) with { Discovery = GbfsSnapshots.Discovery(GbfsFiles.VehicleTypes) };
        var freeFloating = GbfsSnapshots.Docked([], []) with
        {
            Discovery = GbfsSnapshots.Discovery(GbfsFiles.SystemInformation, GbfsFiles.FreeBikeStatus),
            Vehicles = [],
        };

        var dockedNotice = Assert.Single(new SystemTypeFilesRule().Check(docked, Context));
        var emptyCodes = new SystemTypeFilesRule().Check(empty, Context).Select(n => n.Code).ToList();

        Assert.Equal((GbfsNoticeCodes.MissingRequiredFile, GbfsFiles.StationStatus), (dockedNotice.Code, dockedNotice.Location.Value));
        Assert.Equal([GbfsNoticeCodes.MissingRequiredFile, GbfsNoticeCodes.NoAvailabilityFile], emptyCodes);
        Assert.Empty(new SystemTypeFilesRule().Check(freeFloating, Context));
    }

    [Fact]
    public void A_crashing_rule_becomes_a_system_error_and_the_others_still_run()
    {
        var snapshot = GbfsSnapshots.Docked([], []) with { Files = [GbfsSnapshots.Header(GbfsFiles.StationStatus, GbfsSnapshots.Now.AddHours(-2), 60)] };
        var notices = new GbfsNoticeCollector();

        GbfsRules.Run([new ThrowingRule(), new StaleLastUpdatedRule()], snapshot, Context, notices);

        Assert.Equal([GbfsNoticeCodes.SystemError, GbfsNoticeCodes.StaleLastUpdated], notices.ToList().Select(n => n.Code));
        Assert.Equal(NoticeSeverity.Error, notices.ToList()[0].Severity);
    }

    private sealed class ThrowingRule : IGbfsRule
    {
        public IEnumerable<Notice> Check(GbfsSnapshot snapshot, GbfsRuleContext context) => throw new InvalidOperationException("boom");
    }
}
