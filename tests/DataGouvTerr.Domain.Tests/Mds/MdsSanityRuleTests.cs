using DataGouvTerr.Domain.Mds;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Tests.Mds;

public class MdsSanityRuleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(MdsSamples.Now);

    // A box around Rouen as the territory.
    private static readonly Geometry Rouen = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(0.9, 1.3, 49.3, 49.6));

    private static MdsSanityRule Rule() => new(Now, TimeSpan.FromMinutes(5), retentionDays: 30, Rouen);

    private static MdsEvent Event(long timestamp, double lat = 49.44, double lng = 1.1) => new()
    {
        DeviceId = Guid.NewGuid(),
        ProviderId = Guid.NewGuid(),
        EventId = Guid.NewGuid(),
        VehicleState = "available",
        EventTypes = ["trip_end"],
        TimestampMs = timestamp,
        Location = new MdsGps(lat, lng),
    };

    [Fact]
    public void A_recent_event_inside_the_territory_passes_clean()
    {
        var outcome = Rule().Check(Event(MdsSamples.Now - 60_000));

        Assert.False(outcome.IsRejected);
        Assert.Empty(outcome.Flags);
    }

    [Fact]
    public void Small_clock_skew_is_tolerated_but_not_ten_minutes()
    {
        Assert.False(Rule().Check(Event(MdsSamples.Now + 60_000)).IsRejected);
        var future = Rule().Check(Event(MdsSamples.Now + 600_000));

        Assert.Equal(["timestamp"], future.BadParams);
        Assert.Contains("future", future.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Older_than_retention_is_rejected()
    {
        var outcome = Rule().Check(Event(MdsSamples.Now - 31L * 86_400_000));

        Assert.Equal(["timestamp"], outcome.BadParams);
    }

    [Fact]
    public void Swapped_coordinates_fall_outside_France_and_are_rejected()
    {
        var outcome = Rule().Check(Event(MdsSamples.Now - 60_000, lat: 1.1, lng: 49.44));

        Assert.Equal(["location"], outcome.BadParams);
    }

    [Fact]
    public void A_point_in_France_outside_the_territory_is_kept_with_a_flag()
    {
        var outcome = Rule().Check(Event(MdsSamples.Now - 60_000, lat: 48.85, lng: 2.35)); // Paris

        Assert.False(outcome.IsRejected);
        Assert.Equal([MdsSanityRule.OutsideTerritoryFlag], outcome.Flags);
    }

    [Theory]
    [InlineData(-20.88, 55.45, true)]  // Saint-Denis, La Réunion
    [InlineData(51.5, -0.12, false)]   // London
    [InlineData(0, 0, false)]
    public void France_includes_overseas_departements(double lat, double lng, bool expected) =>
        Assert.Equal(expected, MdsSanityRule.IsInFrance(lng, lat));
}
