using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsSchemaValidatorTests
{
    [Theory]
    [InlineData("v2.3", "gbfs")]
    [InlineData("v2.3", "system_information")]
    [InlineData("v2.3", "station_information")]
    [InlineData("v2.3", "station_status")]
    [InlineData("v2.3", "free_bike_status")]
    [InlineData("v2.3", "vehicle_types")]
    [InlineData("v2.3", "geofencing_zones")]
    [InlineData("v2.3", "system_pricing_plans")]
    [InlineData("v3.0", "gbfs")]
    [InlineData("v3.0", "manifest")]
    [InlineData("v3.0", "system_information")]
    [InlineData("v3.0", "station_information")]
    [InlineData("v3.0", "station_status")]
    [InlineData("v3.0", "vehicle_status")]
    [InlineData("v3.0", "vehicle_types")]
    [InlineData("v3.0", "system_pricing_plans")]
    public void Official_fixtures_pass_their_official_schema(string version, string file)
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope($"gbfs-json-schema/fixtures/{version}/{file}.json", notices);

        Assert.True(GbfsSchemaValidator.HasSchema(envelope.Version, file));
        GbfsSchemaValidator.Validate(envelope, file, notices);

        Assert.Empty(notices.ToList());
    }

    [Fact]
    public void A_wrong_type_is_a_schema_violation_with_its_location()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.EnvelopeOf("""
            {"last_updated": 1700000000, "ttl": 60, "version": "2.3",
             "data": {"stations": [{"station_id": "1", "num_bikes_available": "three", "num_docks_available": 2,
                                    "is_installed": true, "is_renting": true, "is_returning": true, "last_reported": 1700000000}]}}
            """, notices);

        GbfsSchemaValidator.Validate(envelope, GbfsFiles.StationStatus, notices);

        var violation = Assert.Single(notices.ToList(), n => n.Code == GbfsNoticeCodes.SchemaViolation);
        Assert.Equal(Notices.NoticeSeverity.Error, violation.Severity);
        Assert.Contains("/data/stations/0/num_bikes_available", violation.Location.Path, StringComparison.Ordinal);
    }

    [SharedReferenceFact]
    [Trait("Category", TestReference.Category)]
    public void Velib_violations_are_warnings_and_capped()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("real/paris-velib/station_status.json", notices);

        GbfsSchemaValidator.Validate(envelope, GbfsFiles.StationStatus, notices);

        var list = notices.ToList();
        // Without a version the 2.3 schema is not the feed's own: violations are warnings, not errors.
        Assert.All(list.Where(n => n.Code == GbfsNoticeCodes.SchemaViolation), n => Assert.Equal(Notices.NoticeSeverity.Warning, n.Severity));
        Assert.Contains(list, n => n.Code == GbfsNoticeCodes.SchemaViolation);
    }
}
