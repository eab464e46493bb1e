using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsEnvelopeReaderTests
{
    [Fact]
    public void Reads_a_2_3_header_with_posix_seconds()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v2.3/gbfs.json", notices);

        Assert.Equal(GbfsVersion.V23, envelope.Version);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1606727710), envelope.LastUpdated);
        Assert.Equal(300, envelope.TtlSeconds);
        Assert.Empty(notices.ToList());
    }

    [Fact]
    public void Reads_a_3_0_header_with_rfc3339_time()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v3.0/station_status.json", notices);

        Assert.Equal(GbfsVersion.V30, envelope.Version);
        Assert.Equal(new DateTimeOffset(2019, 7, 4, 13, 33, 3, 969, TimeSpan.Zero), envelope.LastUpdated);
        Assert.Equal(60, envelope.TtlSeconds);
        Assert.Empty(notices.ToList());
    }

    [SharedReferenceFact]
    [Trait("Category", TestReference.Category)]
    public void Velib_without_version_and_with_lastUpdatedOther_is_read_with_notices()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("real/paris-velib/station_status.json", notices);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732004538), envelope.LastUpdated);
        Assert.Equal(GbfsVersion.V23, envelope.Version);
        Assert.False(envelope.VersionDeclared);
        var codes = notices.ToList().Select(n => n.Code).ToList();
        Assert.Contains(GbfsNoticeCodes.MissingVersion, codes);
        Assert.Contains(GbfsNoticeCodes.NonStandardField, codes);
    }

    [Fact]
    public void Milliseconds_in_last_updated_are_named_and_converted()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.EnvelopeOf("""{"last_updated": 1732004538000, "ttl": 60, "version": "2.3", "data": {"stations": []}}""", notices);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732004538), envelope.LastUpdated);
        var notice = Assert.Single(notices.ToList());
        Assert.Equal(GbfsNoticeCodes.TimestampInMilliseconds, notice.Code);
        Assert.Equal("last_updated", notice.Location.Field);
    }

    [Fact]
    public void Invalid_json_is_a_notice_not_an_exception()
    {
        var notices = new GbfsNoticeCollector();

        var envelope = GbfsEnvelopeReader.Read("broken.json", GbfsReference.Json("""{"last_updated": 1, "data": {"""), null, notices);

        Assert.Null(envelope);
        Assert.Equal(GbfsNoticeCodes.InvalidJson, Assert.Single(notices.ToList()).Code);
    }

    [SharedReferenceFact]
    [Trait("Category", TestReference.Category)]
    public void Older_2_x_versions_are_read_with_an_unsupported_version_warning()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("transport-site-fixtures/station_status.2.2.json", notices);

        Assert.Equal(new GbfsVersion(2, 2), envelope.Version);
        Assert.Equal(GbfsVersion.V23, envelope.Version.SchemaVersion);
        Assert.Contains(notices.ToList(), n => n.Code == GbfsNoticeCodes.UnsupportedVersion);
    }
}
