using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsFileReaderTests
{
    [SharedReferenceFact]
    [Trait("Category", TestReference.Category)]
    public void Reads_velib_statuses_despite_numeric_ids_and_0_1_booleans()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("real/paris-velib/station_status.json", notices);

        var statuses = GbfsFileReader.ReadStationStatus(envelope, notices);

        Assert.Equal(1485, statuses.Count);
        Assert.Equal("213688169", statuses[0].StationId);
        Assert.Equal(1, statuses[0].VehiclesAvailable);
        Assert.Equal(34, statuses[0].DocksAvailable);
        Assert.True(statuses[0].IsInstalled);
        // One folded notice per deviating field, not one per station.
        var wrongTypes = notices.ToList().Where(n => n.Code == GbfsNoticeCodes.WrongType).ToList();
        Assert.Contains(wrongTypes, n => n.Location.Field == "is_installed" && n.Message.Contains("more like it", StringComparison.Ordinal));
        Assert.True(wrongTypes.Count < 10);
    }

    [SharedReferenceFact]
    [Trait("Category", TestReference.Category)]
    public void Reads_velib_station_information()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("real/paris-velib/station_information.json", notices);

        var stations = GbfsFileReader.ReadStations(envelope, notices);

        Assert.Equal(1485, stations.Count);
        Assert.Equal(new GbfsStation("213688169", "Benjamin Godard - Victor Hugo", 2.275725, 48.865983, 35, false), stations[0]);
    }

    [SharedReferenceFact]
    [Trait("Category", TestReference.Category)]
    public void Reads_lovelo_2_3_status_with_both_count_names()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("real/rouen-lovelo/station_status.json", notices);

        var statuses = GbfsFileReader.ReadStationStatus(envelope, notices);

        Assert.Equal(122, statuses.Count);
        Assert.Equal(new GbfsStationStatus("5288", 5, 5, 0, 0, true, true, true, DateTimeOffset.FromUnixTimeSeconds(1740733849)), statuses[0]);
    }

    [Fact]
    public void Reads_3_0_vehicles_without_keeping_their_ids()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v3.0/vehicle_status.json", notices);

        var vehicles = GbfsFileReader.ReadVehicles(envelope, notices);

        Assert.NotEmpty(vehicles);
        Assert.Equal(new GbfsVehicle(2.332335, 48.84627, null, "ebicycle_paris", false, false), vehicles[0]);
        Assert.DoesNotContain(typeof(GbfsVehicle).GetProperties(), p => p.Name.Contains("VehicleId", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_3_0_localized_station_names_and_2_3_geofencing_zones()
    {
        var notices = new GbfsNoticeCollector();
        using var information = GbfsReference.Envelope("gbfs-json-schema/fixtures/v3.0/station_information.json", notices);
        using var zonesFile = GbfsReference.Envelope("gbfs-json-schema/fixtures/v2.3/geofencing_zones.json", notices);

        var stations = GbfsFileReader.ReadStations(information, notices);
        var zones = GbfsFileReader.ReadGeofencingZones(zonesFile, notices);

        Assert.Equal("2 ROUES", stations[0].Name);
        Assert.True(stations[0].IsVirtual);
        Assert.NotEmpty(zones);
        Assert.All(zones, z => Assert.Equal(4326, z.Area.SRID));
        Assert.Empty(notices.ToList());
    }

    [Fact]
    public void Items_without_position_are_skipped_with_a_notice()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.EnvelopeOf("""
            {"last_updated": 1700000000, "ttl": 60, "version": "2.3",
             "data": {"bikes": [{"bike_id": "a", "lat": 95.0, "lon": 1.0, "is_reserved": false, "is_disabled": false},
                                {"bike_id": "b", "lat": 49.44, "lon": 1.09, "is_reserved": false, "is_disabled": false}]}}
            """, notices);

        var vehicles = GbfsFileReader.ReadVehicles(envelope, notices);

        Assert.Single(vehicles);
        Assert.Equal(GbfsNoticeCodes.InvalidCoordinates, Assert.Single(notices.ToList()).Code);
    }
}
