using System.Globalization;
using System.Text;
using System.Text.Json;
using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using NetTopologySuite.IO.Converters;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>What a delivered product was built with; every response and file states it.</summary>
public sealed record FlowProductMetadata(
    string Product,
    string MemberId,
    string ContractVersion,
    int MinCount,
    string Resolution,
    TimeSpan TimeBin,
    string Scope,
    TimeSpan Delay,
    DateTimeOffset? NotAfter)
{
    /// <summary>The (ε, δ, τ) of the release served; every response and file states them.</summary>
    public Releases.PrivacyTerms? Privacy { get; init; }

    /// <summary>The release a delivered file holds (a response may span several windows, hence several releases).</summary>
    public string? ReleaseId { get; init; }

    public string TimeBinText => Duration(TimeBin);

    public string DelayText => Duration(Delay);

    /// <summary>ISO 8601 duration, e.g. PT1H, P1D.</summary>
    public static string Duration(TimeSpan span) => System.Xml.XmlConvert.ToString(span);
}

/// <summary>
/// Serialises materialised rows: CSV in long format (one row per OD pair and bin) and GeoJSON (OD lines between
/// unit anchors, unit polygons with their totals, stops). Every figure is a noisy count of the release. OD pairs and
/// availability cells under the threshold are not listed (listing them would tell that trips or vehicles were
/// there); in a listed zone, stop or day row a figure under the threshold is an empty value with its
/// <c>…_suppressed=true</c> flag, never 0.
/// </summary>
public static class FlowProductFormats
{
    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static string Csv(string product, IEnumerable<FlowProductRow> rows)
    {
        var csv = new StringBuilder();
        var instants = new InstantTexts();
        switch (product)
        {
            case Products.OdFlows:
                csv.Append("bin_start,bin_end,operators,origin,destination,trips\n");
                foreach (var r in rows.Where(r => r.Kind == FlowRowKinds.Od))
                {
                    csv.Append(instants.Of(r.BinStartMs)).Append(',').Append(instants.Of(r.BinEndMs)).Append(',').Append(Field(r.Operators)).Append(',')
                        .Append(Field(r.Origin)).Append(',').Append(Field(r.Destination)).Append(',').Append(Number(r.Count)).Append('\n');
                }
                break;
            case Products.FirstLastMile:
                csv.Append("bin_start,bin_end,stop_id,stop_name,trips_starting,starting_suppressed,trips_ending,ending_suppressed\n");
                foreach (var r in rows.Where(r => r.Kind == FlowRowKinds.Stop))
                {
                    csv.Append(instants.Of(r.BinStartMs)).Append(',').Append(instants.Of(r.BinEndMs)).Append(',').Append(Field(r.Origin)).Append(',')
                        .Append(Field(r.Destination)).Append(',').Append(Number(r.Count)).Append(',').Append(Bool(r.CountSuppressed)).Append(',')
                        .Append(Number(r.Count2)).Append(',').Append(Bool(r.Count2Suppressed)).Append('\n');
                }
                break;
            case Products.Availability:
                csv.Append("bin_start,bin_end,operators,zone,mean_vehicles_available\n");
                foreach (var r in rows.Where(r => r.Kind == FlowRowKinds.Availability))
                {
                    csv.Append(instants.Of(r.BinStartMs)).Append(',').Append(instants.Of(r.BinEndMs)).Append(',').Append(Field(r.Operators)).Append(',')
                        .Append(Field(r.Origin)).Append(',').Append(Number(r.Measure1)).Append('\n');
                }
                break;
            case Products.Indicators:
                csv.Append("day,trips,vehicles,trips_per_vehicle,share_touching_stop,suppressed\n");
                foreach (var r in rows.Where(r => r.Kind == FlowRowKinds.Day))
                {
                    // The window is a local day: its date is the territory's, not UTC's (local midnight is 22:00 or 23:00 UTC the day before).
                    csv.Append(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(r.BinStartMs), TerritoryTime.Paris).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                        .Append(Number(r.Count)).Append(',').Append(Number(r.Count2)).Append(',').Append(Number(r.Measure1)).Append(',')
                        .Append(Number(r.Measure2)).Append(',').Append(Bool(r.CountSuppressed)).Append('\n');
                }
                break;
            default:
                throw new ArgumentException($"No CSV form for product '{product}'.", nameof(product));
        }
        return csv.ToString();
    }

    /// <summary>OD flows as GeoJSON lines from origin anchor to destination anchor (null geometry for the outside pseudo-zone).</summary>
    public static void WriteOdLines(Utf8JsonWriter json, FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows, ZoningEntry zoning)
    {
        Begin(json, metadata);
        var instants = new InstantTexts();
        foreach (var r in rows.Where(r => r.Kind == FlowRowKinds.Od))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            var from = r.Origin is null ? null : zoning.AnchorOf(r.Origin);
            var to = r.Destination is null ? null : zoning.AnchorOf(r.Destination);
            json.WritePropertyName("geometry");
            if (from is not null && to is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "LineString");
                json.WriteStartArray("coordinates");
                WritePosition(json, from.X, from.Y);
                WritePosition(json, to.X, to.Y);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNullValue();
            }
            json.WriteStartObject("properties");
            json.WriteString("bin_start", instants.Of(r.BinStartMs));
            json.WriteString("bin_end", instants.Of(r.BinEndMs));
            json.WriteString("operators", r.Operators);
            json.WriteString("origin", r.Origin);
            json.WriteString("destination", r.Destination);
            WriteCount(json, "trips", r.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        End(json);
    }

    /// <summary>Zone polygons with trips starting, ending and both, per bin.</summary>
    public static void WriteZones(Utf8JsonWriter json, FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows, ZoningEntry zoning) =>
        WriteZoneFeatures(json, metadata, rows.Where(r => r.Kind == FlowRowKinds.Zone), zoning, (writer, r) =>
        {
            WriteCount(writer, "trips_starting", r.Count);
            writer.WriteBoolean("starting_suppressed", r.CountSuppressed);
            WriteCount(writer, "trips_ending", r.Count2);
            writer.WriteBoolean("ending_suppressed", r.Count2Suppressed);
            WriteCount(writer, "trips_both", r.Count3);
            writer.WriteBoolean("both_suppressed", r.Count3Suppressed);
        });

    /// <summary>Availability as zone polygons with the mean vehicles available and the distinct vehicles seen, per bin.</summary>
    public static void WriteAvailability(Utf8JsonWriter json, FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows, ZoningEntry zoning) =>
        WriteZoneFeatures(json, metadata, rows.Where(r => r.Kind == FlowRowKinds.Availability), zoning, (writer, r) =>
        {
            WriteMeasure(writer, "mean_vehicles_available", r.Measure1);
        });

    /// <summary>
    /// One feature per zone row: the zone's polygon (serialised once per response), its code, bin and operators, then
    /// the product's own properties.
    /// </summary>
    private static void WriteZoneFeatures(Utf8JsonWriter json, FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows,
        ZoningEntry zoning, Action<Utf8JsonWriter, FlowProductRow> writeValues)
    {
        Begin(json, metadata);
        var instants = new InstantTexts();
        var areas = new AreaJson(zoning);
        foreach (var r in rows)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WritePropertyName("geometry");
            if (r.Origin is not null && areas.Of(r.Origin) is { } area)
            {
                json.WriteRawValue(area, skipInputValidation: true);
            }
            else
            {
                json.WriteNullValue();
            }
            json.WriteStartObject("properties");
            json.WriteString("zone", r.Origin);
            json.WriteString("bin_start", instants.Of(r.BinStartMs));
            json.WriteString("bin_end", instants.Of(r.BinEndMs));
            json.WriteString("operators", r.Operators);
            writeValues(json, r);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        End(json);
    }

    public static byte[] AvailabilityBytes(FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows, ZoningEntry zoning) =>
        Write(json => WriteAvailability(json, metadata, rows, zoning));

    public static byte[] OdLinesBytes(FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows, ZoningEntry zoning) =>
        Write(json => WriteOdLines(json, metadata, rows, zoning));

    public static byte[] ZonesBytes(FlowProductMetadata metadata, IEnumerable<FlowProductRow> rows, ZoningEntry zoning) =>
        Write(json => WriteZones(json, metadata, rows, zoning));

    public static void WriteMetadata(Utf8JsonWriter json, FlowProductMetadata m)
    {
        json.WriteStartObject("metadata");
        json.WriteString("product", m.Product);
        json.WriteString("member", m.MemberId);
        json.WriteString("contract_version", m.ContractVersion);
        json.WriteNumber("min_count", m.MinCount);
        json.WriteString("resolution", m.Resolution);
        json.WriteString("time_bin", m.TimeBinText);
        json.WriteString("scope", m.Scope);
        json.WriteString("delay", m.DelayText);
        if (m.NotAfter is { } notAfter)
        {
            json.WriteString("not_after", notAfter.ToString("O", CultureInfo.InvariantCulture));
        }
        if (m.Privacy is { } privacy)
        {
            json.WriteNumber("epsilon", privacy.Epsilon);
            json.WriteNumber("delta", privacy.Delta);
            json.WriteNumber("threshold", privacy.Threshold);
        }
        if (m.ReleaseId is { } releaseId)
        {
            json.WriteString("release_id", releaseId);
        }
        json.WriteString("suppression", m.Product == Products.Availability
            ? $"zone-bins where fewer than {m.MinCount} distinct vehicles were seen, and roll-up cells covering one, are null with suppressed=true"
            : $"counts under {m.MinCount} and the complementary cells that would reveal them are null with suppressed=true");
        if (m.Product == Products.Availability)
        {
            json.WriteString("measure", "mean vehicles available per bin: MDS vehicle states sampled every 5 minutes, GBFS polls, averaged per operator then summed");
        }
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }
        return buffer.ToArray();
    }

    private static void Begin(Utf8JsonWriter json, FlowProductMetadata metadata)
    {
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        WriteMetadata(json, metadata);
        json.WriteStartArray("features");
    }

    private static void End(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, double x, double y)
    {
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(x, 6));
        json.WriteNumberValue(Math.Round(y, 6));
        json.WriteEndArray();
    }

    private static void WriteCount(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteMeasure(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>
    /// The text of each bin bound, formatted once per response: a day of 1 h bins has 25 distinct bounds but thousands
    /// of rows, and the time-zone conversion plus formatting was the largest per-row cost of the CSV.
    /// </summary>
    private sealed class InstantTexts
    {
        private readonly Dictionary<long, string> _texts = [];

        public string Of(long ms)
        {
            if (!_texts.TryGetValue(ms, out var text))
            {
                text = Instant(ms);
                _texts[ms] = text;
            }
            return text;
        }
    }

    /// <summary>
    /// Each unit's polygon serialised to GeoJSON once per response and then copied: a zone appears in every bin, and
    /// running the NTS converter per feature dominated the zone and availability GeoJSON. The bytes are what the
    /// converter writes in place, so the output is unchanged.
    /// </summary>
    private sealed class AreaJson(ZoningEntry zoning)
    {
        private readonly Dictionary<string, byte[]?> _json = [];

        public byte[]? Of(string code)
        {
            if (!_json.TryGetValue(code, out var bytes))
            {
                bytes = zoning.AreaOf(code) is { } area ? JsonSerializer.SerializeToUtf8Bytes(area, GeoJsonOptions) : null;
                _json[code] = bytes;
            }
            return bytes;
        }
    }

    /// <summary>Bins are written in the territory's legal time with their offset (+01:00 in winter, +02:00 in summer), so a DST day reads as 23 or 25 local hours.</summary>
    private static string Instant(long ms) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), TerritoryTime.Paris).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
