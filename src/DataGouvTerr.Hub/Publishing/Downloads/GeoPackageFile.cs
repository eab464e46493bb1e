using System.Buffers.Binary;
using System.Text.Json;
using DataGouvTerr.Domain.Spatial;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace DataGouvTerr.Hub.Publishing.Downloads;

/// <summary>
/// A spatial product as an OGC GeoPackage 1.3 file (what QGIS opens natively), written to the specification with
/// Microsoft.Data.Sqlite: application_id 'GPKG', user_version 10300, gpkg_spatial_ref_sys (4326, 2154 and the two
/// undefined systems the spec requires), gpkg_contents, gpkg_geometry_columns, one feature table whose geometries
/// are GeoPackage binary (header "GP", SRS id, envelope) + little-endian WKB, and an attributes table
/// <c>a_propos</c> holding <see cref="DownloadAbout"/>. It is built from the product's own GeoJSON, so both always
/// carry the same features and properties. (NetTopologySuite.IO.GeoPackage 2.0.0 only encodes geometry blobs; the
/// file and its tables would still be ours to write, so the blob is written here too, in a dozen lines.)
/// </summary>
public static class GeoPackageFile
{
    /// <summary>'GPKG' as a big-endian 32-bit integer (GeoPackage 1.3 §1.1.1.1.1).</summary>
    public const int ApplicationId = 0x47504B47;

    public const int UserVersion = 10300;

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <param name="geoJson">A FeatureCollection (WGS84); scalar properties become typed columns, arrays and objects JSON text.</param>
    /// <param name="layer">Feature table name (ASCII, e.g. <c>flux_origine_destination</c>).</param>
    /// <param name="title">Its French title (gpkg_contents.identifier).</param>
    /// <param name="about">What the file was built under, written to the <c>a_propos</c> table.</param>
    public static byte[] Write(ReadOnlySpan<byte> geoJson, string layer, string title, DownloadAbout about)
    {
        var features = ReadFeatures(geoJson);
        var path = Path.Combine(Path.GetTempPath(), $"dgt-{Guid.NewGuid():N}.gpkg");
        try
        {
            // No pooling: the file is read back and deleted as soon as the connection closes.
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                Execute(connection, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {UserVersion}; BEGIN;");
                CreateCoreTables(connection);
                WriteFeatures(connection, features, layer, title);
                WriteAbout(connection, about);
                Execute(connection, "COMMIT;");
            }
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>GeoPackage binary geometry: "GP", version 0, flags (little-endian, xy envelope), SRS id, envelope, WKB.</summary>
    public static byte[] Encode(Geometry geometry, int srsId)
    {
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry);
        var envelope = geometry.EnvelopeInternal;
        var empty = geometry.IsEmpty;
        var header = new byte[8 + (empty ? 0 : 32)];
        header[0] = (byte)'G';
        header[1] = (byte)'P';
        header[2] = 0;
        // Bit 0: little-endian header; bits 1-3: envelope [minx, maxx, miny, maxy] (1), or none (0) when empty; bit 4: empty.
        header[3] = (byte)(empty ? 0b0001_0001 : 0b0000_0011);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), srsId);
        if (!empty)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(8), envelope.MinX);
            BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(16), envelope.MaxX);
            BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(24), envelope.MinY);
            BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(32), envelope.MaxY);
        }
        return [.. header, .. wkb];
    }

    private sealed record FeatureRow(Geometry? Geometry, Dictionary<string, JsonElement> Properties);

    private static List<FeatureRow> ReadFeatures(ReadOnlySpan<byte> geoJson)
    {
        var reader = new Utf8JsonReader(geoJson);
        using var document = JsonDocument.ParseValue(ref reader);
        var rows = new List<FeatureRow>();
        // The geometry of a zone repeats in every bin: decode each distinct one once.
        var geometries = new Dictionary<string, Geometry?>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            Geometry? geometry = null;
            if (feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
            {
                var raw = g.GetRawText();
                if (!geometries.TryGetValue(raw, out geometry))
                {
                    geometry = JsonSerializer.Deserialize<Geometry>(raw, GeoJson);
                    geometries[raw] = geometry;
                }
            }
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject())
                {
                    properties[property.Name] = property.Value.Clone();
                }
            }
            rows.Add(new FeatureRow(geometry, properties));
        }
        return rows;
    }

    private static void CreateCoreTables(SqliteConnection connection)
    {
        Execute(connection, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            """);
        InsertSrs(connection, "Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system");
        InsertSrs(connection, "Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system");
        InsertSrs(connection, "WGS 84 geodetic", Reprojector.Wgs84Srid, "EPSG", Reprojector.Wgs84Srid, Wgs84Wkt, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid");
        InsertSrs(connection, "RGF93 / Lambert-93", Reprojector.Lambert93Srid, "EPSG", Reprojector.Lambert93Srid, Reprojector.Lambert93Wkt, "Lambert-93, the French official projection (metres)");
    }

    private static void WriteFeatures(SqliteConnection connection, List<FeatureRow> features, string layer, string title)
    {
        var columns = ColumnsOf(features);
        Execute(connection, $"CREATE TABLE {Quote(layer)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY"
            + string.Concat(columns.Select(c => $", {Quote(c.Name)} {c.Type}")) + ")");
        var envelope = new Envelope();
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $"INSERT INTO {Quote(layer)} (geom{string.Concat(columns.Select(c => ", " + Quote(c.Name)))}) VALUES (@geom"
                + string.Concat(columns.Select((_, i) => $", @p{i}")) + ")";
            var geom = insert.Parameters.Add("@geom", SqliteType.Blob);
            var values = columns.Select((_, i) => insert.Parameters.Add($"@p{i}", SqliteType.Text)).ToArray();
            var blobs = new Dictionary<Geometry, byte[]>(ReferenceEqualityComparer.Instance);
            foreach (var feature in features)
            {
                if (feature.Geometry is { } g)
                {
                    if (!blobs.TryGetValue(g, out var blob))
                    {
                        blob = Encode(g, Reprojector.Wgs84Srid);
                        blobs[g] = blob;
                        envelope.ExpandToInclude(g.EnvelopeInternal);
                    }
                    geom.Value = blob;
                }
                else
                {
                    geom.Value = DBNull.Value;
                }
                for (var i = 0; i < columns.Count; i++)
                {
                    values[i].Value = feature.Properties.TryGetValue(columns[i].Name, out var v) ? ValueOf(v, columns[i].Type) : DBNull.Value;
                }
                insert.ExecuteNonQuery();
            }
        }
        using var contents = connection.CreateCommand();
        contents.CommandText = "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) "
            + "VALUES (@t, 'features', @i, @d, @minx, @miny, @maxx, @maxy, @srs)";
        contents.Parameters.AddWithValue("@t", layer);
        contents.Parameters.AddWithValue("@i", title);
        contents.Parameters.AddWithValue("@d", title);
        contents.Parameters.AddWithValue("@minx", envelope.IsNull ? DBNull.Value : envelope.MinX);
        contents.Parameters.AddWithValue("@miny", envelope.IsNull ? DBNull.Value : envelope.MinY);
        contents.Parameters.AddWithValue("@maxx", envelope.IsNull ? DBNull.Value : envelope.MaxX);
        contents.Parameters.AddWithValue("@maxy", envelope.IsNull ? DBNull.Value : envelope.MaxY);
        contents.Parameters.AddWithValue("@srs", Reprojector.Wgs84Srid);
        contents.ExecuteNonQuery();
        using var geometryColumns = connection.CreateCommand();
        geometryColumns.CommandText = "INSERT INTO gpkg_geometry_columns VALUES (@t, 'geom', @type, @srs, 0, 0)";
        geometryColumns.Parameters.AddWithValue("@t", layer);
        geometryColumns.Parameters.AddWithValue("@type", GeometryTypeOf(features));
        geometryColumns.Parameters.AddWithValue("@srs", Reprojector.Wgs84Srid);
        geometryColumns.ExecuteNonQuery();
    }

    /// <summary>The non-spatial table that says what the file was built under (contract, privacy terms, resolution…).</summary>
    private static void WriteAbout(SqliteConnection connection, DownloadAbout about)
    {
        Execute(connection, "CREATE TABLE a_propos (fid INTEGER PRIMARY KEY AUTOINCREMENT, rubrique TEXT NOT NULL, valeur TEXT)");
        Execute(connection, "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('a_propos', 'attributes', 'À propos', 'Conditions de diffusion de ce fichier')");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO a_propos (rubrique, valeur) VALUES (@l, @v)";
        var label = insert.Parameters.Add("@l", SqliteType.Text);
        var value = insert.Parameters.Add("@v", SqliteType.Text);
        foreach (var (l, v) in about.Lines)
        {
            label.Value = l;
            value.Value = v;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>One column per property name in order of first appearance; INTEGER, REAL or BOOLEAN when every value is one, else TEXT.</summary>
    private static List<(string Name, string Type)> ColumnsOf(List<FeatureRow> features)
    {
        var kinds = new Dictionary<string, string?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var feature in features)
        {
            foreach (var (name, value) in feature.Properties)
            {
                if (!kinds.TryGetValue(name, out var kind))
                {
                    order.Add(name);
                    kind = null;
                }
                kinds[name] = Widen(kind, value);
            }
        }
        return order.Where(n => !string.Equals(n, "fid", StringComparison.OrdinalIgnoreCase) && !string.Equals(n, "geom", StringComparison.OrdinalIgnoreCase))
            .Select(n => (n, kinds[n] ?? "TEXT")).ToList();
    }

    private static string? Widen(string? kind, JsonElement value)
    {
        var own = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True or JsonValueKind.False => "BOOLEAN",
            JsonValueKind.Number => value.TryGetInt64(out _) ? "INTEGER" : "REAL",
            _ => "TEXT",
        };
        return (kind, own) switch
        {
            (null, _) => own,
            (_, null) => kind,
            _ when kind == own => kind,
            ("INTEGER", "REAL") or ("REAL", "INTEGER") => "REAL",
            _ => "TEXT",
        };
    }

    private static object ValueOf(JsonElement value, string type) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => DBNull.Value,
        _ when type == "TEXT" => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.Number when type == "INTEGER" => value.GetInt64(),
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    /// <summary>The one geometry type of the table when all features share it, else GEOMETRY (the spec's catch-all).</summary>
    private static string GeometryTypeOf(List<FeatureRow> features)
    {
        var types = features.Where(f => f.Geometry is not null).Select(f => f.Geometry!.OgcGeometryType).Distinct().ToList();
        return types.Count == 1 ? types[0] switch
        {
            OgcGeometryType.Point => "POINT",
            OgcGeometryType.LineString => "LINESTRING",
            OgcGeometryType.Polygon => "POLYGON",
            OgcGeometryType.MultiPolygon => "MULTIPOLYGON",
            OgcGeometryType.MultiLineString => "MULTILINESTRING",
            OgcGeometryType.MultiPoint => "MULTIPOINT",
            _ => "GEOMETRY",
        } : "GEOMETRY";
    }

    private static void InsertSrs(SqliteConnection connection, string name, int id, string organization, int organizationId, string definition, string description)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO gpkg_spatial_ref_sys VALUES (@n, @id, @o, @oid, @d, @desc)";
        command.Parameters.AddWithValue("@n", name);
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@o", organization);
        command.Parameters.AddWithValue("@oid", organizationId);
        command.Parameters.AddWithValue("@d", definition);
        command.Parameters.AddWithValue("@desc", description);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
