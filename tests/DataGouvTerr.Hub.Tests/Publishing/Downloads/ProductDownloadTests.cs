using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Publishing.StopMaps;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Tests.Publishing.Downloads;

/// <summary>
/// The download formats of the products (csv-excel-fr, xlsx, gpkg), through real HTTP on both stores: each is read
/// back and compared with the plain CSV or GeoJSON of the same request, and goes through the same access checks and
/// audit as the default format.
/// </summary>
public sealed class ProductDownloadTests
{
    private static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = "," };

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Csv_for_french_excel_has_the_plain_csv_rows_with_semicolons_decimal_commas_french_dates_and_commune_names(string provider)
    {
        await using var hub = await FlowHubAsync(provider);
        var region = await hub.ClientForAsync("region-normandie");
        var day = FlowSeed.DayText(hub);

        var plain = ParseCsv(await region.GetStringAsync($"/products/od-flows.csv?from={day}"), ',');
        var response = await region.GetAsync($"/products/od-flows.csv?from={day}&format=csv-excel-fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var fileName = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.StartsWith("flux-origine-destination_region-normandie_communes_", fileName, StringComparison.Ordinal);
        Assert.EndsWith(".csv", fileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var french = ParseCsv(Encoding.UTF8.GetString(bytes[3..]), ';');

        // Same rows; the machine names of the header stay, a name column follows each commune code.
        Assert.Equal(plain.Count, french.Count);
        Assert.NotEmpty(plain);
        Assert.Equal(["origin", "origin_nom", "destination", "destination_nom"], french[0].Keys.Where(k => k.StartsWith("origin", StringComparison.Ordinal) || k.StartsWith("destination", StringComparison.Ordinal)));
        var rouen = french.First(r => r["origin"] == "76540" && r["destination"] == "76681");
        Assert.Equal("Rouen", rouen["origin_nom"]);
        Assert.Equal("Sotteville-lès-Rouen", rouen["destination_nom"]);
        for (var i = 0; i < plain.Count; i++)
        {
            var p = plain[i];
            var f = french[i];
            var start = DateTimeOffset.Parse(p["bin_start"], CultureInfo.InvariantCulture);
            Assert.Equal(start.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), f["bin_start"]);
            Assert.Equal(p["trips"], f["trips"].Replace(',', '.'));
            Assert.DoesNotContain('.', f["trips"]);
            if (p.TryGetValue("suppressed", out var suppressed))
            {
                Assert.Equal(suppressed == "true" ? "oui" : "non", f["suppressed"]);
            }
        }

        // Indicators: a ratio column written with a decimal comma, the day as dd/MM/yyyy.
        var indicatorsPlain = ParseCsv(await region.GetStringAsync($"/products/indicators.csv?from={day}&format=csv"), ',');
        var indicatorsFrench = ParseCsv(Encoding.UTF8.GetString((await region.GetByteArrayAsync($"/products/indicators.csv?from={day}&format=csv-excel-fr"))[3..]), ';');
        Assert.Equal(indicatorsPlain.Count, indicatorsFrench.Count);
        for (var i = 0; i < indicatorsPlain.Count; i++)
        {
            Assert.Equal(DateOnly.ParseExact(indicatorsPlain[i]["day"], "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), indicatorsFrench[i]["day"]);
            foreach (var column in new[] { "trips_per_vehicle", "share_touching_stop" })
            {
                var plainValue = indicatorsPlain[i][column];
                double? expected = plainValue == "" ? null : double.Parse(plainValue, CultureInfo.InvariantCulture);
                double? actual = indicatorsFrench[i][column] == "" ? null : double.Parse(indicatorsFrench[i][column], French);
                Assert.Equal(expected, actual);
                Assert.DoesNotContain('.', indicatorsFrench[i][column]);
            }
        }
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Xlsx_has_numbers_as_numbers_dates_as_dates_and_an_a_propos_sheet_with_the_release_terms(string provider)
    {
        await using var hub = await FlowHubAsync(provider);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var day = FlowSeed.DayText(hub);

        var plainResponse = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        var plain = ParseCsv(await plainResponse.Content.ReadAsStringAsync(), ',');
        var response = await metropole.GetAsync($"/products/od-flows.csv?from={day}&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Données", "À propos"], sheets.Select(s => s.Name!.Value));

        var data = Cells(workbook, sheets[0]);
        var header = data[0].Select(c => c.Text).ToList();
        Assert.Equal(plain.Count, data.Count - 1);
        var trips = header.IndexOf("trips");
        var binStart = header.IndexOf("bin_start");
        var dateTimeStyle = StyleWithFormat(workbook, "dd/mm/yyyy hh:mm");
        for (var i = 0; i < plain.Count; i++)
        {
            var row = data[i + 1];
            if (plain[i]["trips"] == "")
            {
                Assert.Null(row[trips].Number);
            }
            else
            {
                Assert.Equal(double.Parse(plain[i]["trips"], CultureInfo.InvariantCulture), row[trips].Number);
            }
            var start = DateTimeOffset.Parse(plain[i]["bin_start"], CultureInfo.InvariantCulture);
            Assert.Equal(start.DateTime, DateTime.FromOADate(row[binStart].Number!.Value));
            Assert.Equal(dateTimeStyle, row[binStart].Style);
        }

        var about = Cells(workbook, sheets[1]).Skip(1).ToDictionary(r => r[0].Text!, r => r[1].Text);
        Assert.Equal(plainResponse.Headers.GetValues("X-DGT-Contract-Version").Single(), about["Version du contrat"]);
        // The sample contract's métropole right: a 2 km grid by day (tuned to the demo's volume).
        Assert.Equal(plainResponse.Headers.GetValues("X-DGT-Resolution").Single(), about["Résolution"]);
        Assert.Equal("grid-2000m", about["Résolution"]);
        Assert.Equal("P1D", plainResponse.Headers.GetValues("X-DGT-Time-Bin").Single());
        Assert.Equal("1 jour", about["Pas de temps"]);
        Assert.Equal("own_perimeter", about["Périmètre"]);
        Assert.Equal("1 jour", about["Délai de mise à disposition"]);
        Assert.Equal("10", about["Seuil de diffusion (k)"]);
        if (plainResponse.Headers.TryGetValues("X-DGT-Epsilon", out var epsilon))
        {
            Assert.Equal(double.Parse(epsilon.Single(), CultureInfo.InvariantCulture), double.Parse(about["ε (epsilon)"]!, French));
            Assert.Equal(double.Parse(plainResponse.Headers.GetValues("X-DGT-Threshold").Single(), CultureInfo.InvariantCulture), double.Parse(about["Seuil τ"]!, French));
            Assert.True(about.ContainsKey("δ (delta)"));
        }
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task GeoPackage_of_od_lines_and_zones_reads_back_as_the_geojson_features(string provider)
    {
        await using var hub = await FlowHubAsync(provider);
        var region = await hub.ClientForAsync("region-normandie");
        var day = FlowSeed.DayText(hub);

        foreach (var (path, layer, type) in new[] { ("/products/od-flows.geojson", "flux_origine_destination", "LINESTRING"), ("/products/od-flows/zones.geojson", "flux_par_zone", "POLYGON") })
        {
            var geoJson = JsonDocument.Parse(await region.GetStringAsync($"{path}?from={day}")).RootElement.GetProperty("features").EnumerateArray().ToList();
            var response = await region.GetAsync($"{path}?from={day}&format=gpkg");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/geopackage+sqlite3", response.Content.Headers.ContentType!.MediaType);
            Assert.EndsWith(".gpkg", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            // "SQLite format 3\0", then application_id 'GPKG' at offset 68 and user_version 10300 at offset 60 (big-endian).
            Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(bytes, 0, 16));
            Assert.Equal("GPKG", Encoding.ASCII.GetString(bytes, 68, 4));
            Assert.Equal(10300, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(60)));

            using var gpkg = new GeoPackageReader(bytes);
            Assert.Equal(0x47504B47, gpkg.Scalar("PRAGMA application_id"));
            Assert.Equal(10300, gpkg.Scalar("PRAGMA user_version"));
            Assert.Equal(1, gpkg.Scalar("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = 4326 AND organization = 'EPSG'"));
            Assert.Equal(1, gpkg.Scalar("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = 2154 AND organization = 'EPSG'"));
            Assert.Equal(2, gpkg.Scalar("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0)"));
            Assert.Equal(1, gpkg.Scalar($"SELECT count(*) FROM gpkg_contents WHERE table_name = '{layer}' AND data_type = 'features' AND srs_id = 4326"));
            Assert.Equal(1, gpkg.Scalar($"SELECT count(*) FROM gpkg_geometry_columns WHERE table_name = '{layer}' AND column_name = 'geom' AND geometry_type_name = '{type}' AND srs_id = 4326"));
            Assert.Equal(1, gpkg.Scalar("SELECT count(*) FROM gpkg_contents WHERE table_name = 'a_propos' AND data_type = 'attributes'"));
            Assert.Contains(gpkg.Rows("SELECT rubrique, valeur FROM a_propos"), r => (string)r["rubrique"]! == "Résolution" && (string)r["valeur"]! == "communes");

            var rows = gpkg.Rows($"SELECT * FROM \"{layer}\" ORDER BY fid");
            Assert.Equal(geoJson.Count, rows.Count);
            Assert.NotEmpty(rows);
            for (var i = 0; i < rows.Count; i++)
            {
                var feature = geoJson[i];
                var properties = feature.GetProperty("properties");
                foreach (var property in properties.EnumerateObject())
                {
                    var stored = rows[i][property.Name];
                    switch (property.Value.ValueKind)
                    {
                        case JsonValueKind.Null:
                            Assert.Null(stored);
                            break;
                        case JsonValueKind.Number:
                            Assert.Equal(property.Value.GetDouble(), Convert.ToDouble(stored, CultureInfo.InvariantCulture));
                            break;
                        case JsonValueKind.True or JsonValueKind.False:
                            Assert.Equal(property.Value.GetBoolean() ? 1L : 0L, stored);
                            break;
                        default:
                            Assert.Equal(property.Value.GetString(), stored);
                            break;
                    }
                }
                var geometry = feature.GetProperty("geometry");
                if (geometry.ValueKind == JsonValueKind.Null)
                {
                    Assert.Null(rows[i]["geom"]);
                    continue;
                }
                var (srs, decoded) = GeoPackageReader.Decode((byte[])rows[i]["geom"]!);
                Assert.Equal(4326, srs);
                Assert.Equal(geometry.GetProperty("type").GetString(), decoded.GeometryType);
                var first = decoded.Coordinates[0];
                var expected = type == "LINESTRING" ? geometry.GetProperty("coordinates")[0] : geometry.GetProperty("coordinates")[0][0];
                Assert.Equal(expected[0].GetDouble(), first.X, 9);
                Assert.Equal(expected[1].GetDouble(), first.Y, 9);
            }
        }
    }

    [RequiresOgrInfoTheory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Gdal_opens_the_geopackage_with_its_layer_features_and_crs(string provider)
    {
        await using var hub = await FlowHubAsync(provider);
        var region = await hub.ClientForAsync("region-normandie");
        var day = FlowSeed.DayText(hub);
        var features = JsonDocument.Parse(await region.GetStringAsync($"/products/od-flows.geojson?from={day}")).RootElement.GetProperty("features").GetArrayLength();

        using var gpkg = new GeoPackageReader(await region.GetByteArrayAsync($"/products/od-flows.geojson?from={day}&format=gpkg"));
        var (exit, output) = OgrInfo.Run("-ro", "-so", "-al", gpkg.FilePath);

        Assert.True(exit == 0, output);
        Assert.Contains("Layer name: flux_origine_destination", output, StringComparison.Ordinal);
        Assert.Contains("Geometry: Line String", output, StringComparison.Ordinal);
        Assert.Contains($"Feature Count: {features}", output, StringComparison.Ordinal);
        Assert.Contains("WGS 84", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Every_format_is_refused_to_a_member_without_the_right_audited_and_a_bad_format_is_a_400_naming_format(string provider)
    {
        await using var hub = await FlowHubAsync(provider);
        var association = await hub.ClientForAsync("asso-velo");
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var day = FlowSeed.DayText(hub);

        foreach (var path in new[] { "/products/od-flows.csv?format=csv-excel-fr", "/products/od-flows.csv?format=xlsx", "/products/od-flows.geojson?format=gpkg" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await association.GetAsync(path)).StatusCode);
        }
        Assert.Equal(3, await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MemberId == "asso-velo" && e.Product == "od-flows" && e.Decision == "denied").CountAsync()));

        var allowed = await metropole.GetAsync($"/products/od-flows.csv?from={day}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var plainRows = ParseCsv(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}"), ',').Count;
        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MemberId == "metropole-rouen" && e.Product == "od-flows" && e.Endpoint.Contains("/products/od-flows.csv")).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.All(audited, e => Assert.Equal("allowed", e.Decision));
        Assert.All(audited, e => Assert.Equal(plainRows, e.RowsReturned));

        foreach (var path in new[] { "/products/od-flows.csv?format=gpkg", "/products/od-flows.geojson?format=xlsx", "/products/indicators.csv?format=excel", "/products/od-flows/zones.geojson?format=csv" })
        {
            var bad = await metropole.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _), path);
        }
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Stop_maps_come_as_french_csv_xlsx_and_geopackage_with_the_same_stops(string provider)
    {
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        var plain = ParseCsv(await client.GetStringAsync("/stop-maps/stops.csv"), ',');
        Assert.NotEmpty(plain);
        var french = ParseCsv(Encoding.UTF8.GetString((await client.GetByteArrayAsync("/stop-maps/stops.csv?format=csv-excel-fr"))[3..]), ';');
        Assert.Equal(plain.Select(r => r["stop_id"]), french.Select(r => r["stop_id"]));
        Assert.Equal(plain.Select(r => double.Parse(r["stop_lat"], CultureInfo.InvariantCulture)), french.Select(r => double.Parse(r["stop_lat"], French)));

        using var document = SpreadsheetDocument.Open(new MemoryStream(await client.GetByteArrayAsync("/stop-maps/stops?format=xlsx")), false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First();
        var data = Cells(document.WorkbookPart, sheet);
        var numTrips = data[0].Select(c => c.Text).ToList().IndexOf("num_trips");
        Assert.Equal(plain.Select(r => double.Parse(r["num_trips"], CultureInfo.InvariantCulture)), data.Skip(1).Select(r => r[numTrips].Number!.Value));

        var gpkgResponse = await client.GetAsync("/stop-maps/stops.geojson?format=gpkg");
        Assert.StartsWith("carte-des-arrets_agence-urbanisme", gpkgResponse.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        using var gpkg = new GeoPackageReader(await gpkgResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, gpkg.Scalar("SELECT count(*) FROM gpkg_geometry_columns WHERE table_name = 'arrets' AND geometry_type_name = 'POINT'"));
        var stops = gpkg.Rows("SELECT stop_id, geom FROM arrets ORDER BY fid");
        Assert.Equal(plain.Select(r => r["stop_id"]), stops.Select(r => (string)r["stop_id"]!));
        var (_, point) = GeoPackageReader.Decode((byte[])stops[0]["geom"]!);
        Assert.Equal(double.Parse(plain[0]["stop_lon"], CultureInfo.InvariantCulture), ((Point)point).X, 9);
        Assert.Equal(double.Parse(plain[0]["stop_lat"], CultureInfo.InvariantCulture), ((Point)point).Y, 9);

        var bad = await client.GetAsync("/stop-maps/stops.csv?format=gpkg");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_listing_and_the_openapi_document_name_every_download_format()
    {
        await using var hub = await FlowHubAsync(StoreProviders.Sqlite);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var listing = JsonDocument.Parse(await metropole.GetStringAsync("/products")).RootElement.GetProperty("products").EnumerateArray()
            .ToDictionary(p => p.GetProperty("product").GetString()!, p => p.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ToList());
        Assert.Contains("/products/od-flows.csv?format=csv-excel-fr", listing["od-flows"]);
        Assert.Contains("/products/od-flows.csv?format=xlsx", listing["od-flows"]);
        Assert.Contains("/products/od-flows.geojson?format=gpkg", listing["od-flows"]);
        Assert.Contains("/products/od-flows/zones.geojson?format=gpkg", listing["od-flows"]);
        Assert.Contains("/stop-maps/stops.geojson?format=gpkg", listing["stop-maps"]);

        var doc = JsonDocument.Parse(await hub.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        var csvFormat = doc.GetProperty("/products/od-flows.csv").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "format");
        Assert.Equal(["csv", "csv-excel-fr", "xlsx"], csvFormat.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var content = doc.GetProperty("/products/availability.geojson").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("application/geopackage+sqlite3", out _));
        Assert.True(doc.GetProperty("/products/indicators.csv").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _));
    }

    private static async Task<HubFactory> FlowHubAsync(string provider)
    {
        var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        await FlowSeed.RunJobAsync(hub, FlowSeed.DayText(hub));
        return hub;
    }

    private sealed record CellValue(string? Text, double? Number, uint? Style);

    /// <summary>Rows of cells by position (the writer fills every column, an empty cell included).</summary>
    private static List<List<CellValue>> Cells(WorkbookPart workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
        {
            var isNumber = c.DataType is null || c.DataType.Value == CellValues.Number;
            var text = c.InlineString?.InnerText ?? c.CellValue?.Text;
            double? number = isNumber && c.CellValue is { } v ? double.Parse(v.Text, CultureInfo.InvariantCulture) : null;
            return new CellValue(isNumber ? null : text, number, c.StyleIndex?.Value);
        }).ToList()).ToList();
    }

    private static uint StyleWithFormat(WorkbookPart workbook, string formatCode)
    {
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var id = stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.FormatCode == formatCode).NumberFormatId!.Value;
        return (uint)stylesheet.CellFormats!.Elements<CellFormat>().ToList().FindIndex(f => f.NumberFormatId?.Value == id);
    }

    /// <summary>A CSV with its header as dictionaries; quoted fields as RFC 4180 writes them.</summary>
    private static List<Dictionary<string, string>> ParseCsv(string text, char separator)
    {
        var lines = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                lines.Add(fields);
                fields = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }
        var header = lines[0];
        return lines.Skip(1).Select(l => header.Select((h, i) => (h, v: i < l.Count ? l[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }
}
