using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Infrastructure;
using NetTopologySuite.IO.Converters;

namespace DataGouvTerr.Hub.Tests.Publishing.Flows;

/// <summary>
/// The formats cache each bin bound's text and each unit's GeoJSON outline per response; these pin the output to
/// what formatting every row afresh gives: local time with its offset across the spring DST change, and the NTS
/// converter's own bytes for every polygon, with a null geometry for a code outside the zoning.
/// </summary>
public sealed class FlowProductFormatsTests
{
    private static readonly DateTimeOffset DstNight = new(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Csv_writes_each_bin_bound_in_local_time_with_its_offset_across_the_dst_change()
    {
        var rows = Enumerable.Range(0, 3).SelectMany(h => new[] { Od(h, "A", "B", 32), Od(h, "B", "A", 41) }).ToList();

        var csv = FlowProductFormats.Csv(Products.OdFlows, rows).Split('\n');

        Assert.Equal("bin_start,bin_end,operators,origin,destination,trips", csv[0]);
        Assert.Equal("2026-03-29T01:00:00+01:00,2026-03-29T03:00:00+02:00,all-operators,A,B,32", csv[1]);
        Assert.Equal("2026-03-29T01:00:00+01:00,2026-03-29T03:00:00+02:00,all-operators,B,A,41", csv[2]);
        Assert.Equal("2026-03-29T03:00:00+02:00,2026-03-29T04:00:00+02:00,all-operators,A,B,32", csv[3]);
        Assert.Equal("2026-03-29T04:00:00+02:00,2026-03-29T05:00:00+02:00,all-operators,B,A,41", csv[6]);
    }

    [Fact]
    public void Zone_geojson_writes_each_polygon_as_the_converter_does_and_null_outside_the_zoning()
    {
        var contract = ContractLoader.LoadFile(RepoPaths.SampleContract).Contract!;
        var zoning = new FlowZoningCatalog().Get(contract, "grid-500m")!;
        var codes = new[] { zoning.Zoning.CodeOf(0), zoning.Zoning.CodeOf(1), "outside" };
        var rows = Enumerable.Range(0, 2).SelectMany(h => codes.Select(c => Zone(h, c))).ToList();
        var metadata = new FlowProductMetadata(Products.OdFlows, "metropole-rouen", "1", 10, "grid-500m", TimeSpan.FromHours(1),
            "own_perimeter", TimeSpan.FromDays(1), null);

        using var doc = JsonDocument.Parse(FlowProductFormats.ZonesBytes(metadata, rows, zoning));

        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(6, features.Count);
        var converter = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        for (var i = 0; i < features.Count; i++)
        {
            var code = codes[i % 3];
            var geometry = features[i].GetProperty("geometry");
            if (zoning.AreaOf(code) is { } area)
            {
                Assert.Equal(JsonSerializer.Serialize(area, converter), geometry.GetRawText());
                Assert.Equal("Polygon", geometry.GetProperty("type").GetString());
            }
            else
            {
                Assert.Equal("outside", code);
                Assert.Equal(JsonValueKind.Null, geometry.ValueKind);
            }
            Assert.Equal(code, features[i].GetProperty("properties").GetProperty("zone").GetString());
        }
        Assert.Equal("2026-03-29T03:00:00+02:00", features[5].GetProperty("properties").GetProperty("bin_start").GetString());
        Assert.Equal("2026-03-29T01:00:00+01:00", features[0].GetProperty("properties").GetProperty("bin_start").GetString());
        Assert.Equal("2026-03-29T03:00:00+02:00", features[0].GetProperty("properties").GetProperty("bin_end").GetString());
    }

    private static FlowProductRow Od(int hour, string origin, string destination, int? trips) => new()
    {
        MemberId = "metropole-rouen",
        Product = Products.OdFlows,
        Kind = FlowRowKinds.Od,
        Operators = "all-operators",
        BinStartMs = DstNight.AddHours(hour).ToUnixTimeMilliseconds(),
        BinEndMs = DstNight.AddHours(hour + 1).ToUnixTimeMilliseconds(),
        Origin = origin,
        Destination = destination,
        Count = trips,
        CountSuppressed = trips is null,
    };

    private static FlowProductRow Zone(int hour, string code) => new()
    {
        MemberId = "metropole-rouen",
        Product = Products.OdFlows,
        Kind = FlowRowKinds.Zone,
        Operators = "all-operators",
        BinStartMs = DstNight.AddHours(hour).ToUnixTimeMilliseconds(),
        BinEndMs = DstNight.AddHours(hour + 1).ToUnixTimeMilliseconds(),
        Origin = code,
        Count = 20,
        Count2 = 15,
        Count3 = null,
        Count3Suppressed = true,
    };
}
