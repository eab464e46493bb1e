using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataGouvTerr.Hub.Tests.Publishing.Downloads;

/// <summary>
/// Reads a downloaded GeoPackage back as the OGC 1.3 specification describes it, independently of the writer: the
/// file's application_id and user_version, the required tables, and each geometry blob parsed by hand (magic, flags,
/// SRS id, envelope) before its WKB goes to NetTopologySuite's reader.
/// </summary>
internal sealed class GeoPackageReader : IDisposable
{
    private readonly string _path;

    public GeoPackageReader(byte[] bytes)
    {
        _path = Path.Combine(Path.GetTempPath(), $"dgt-test-{Guid.NewGuid():N}.gpkg");
        File.WriteAllBytes(_path, bytes);
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        Connection.Open();
    }

    public SqliteConnection Connection { get; }

    public string FilePath => _path;

    public long Scalar(string sql) => Convert.ToInt64(Command(sql).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    public List<Dictionary<string, object?>> Rows(string sql)
    {
        using var reader = Command(sql).ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A GeoPackage binary geometry: checks its header and returns its SRS id and geometry.</summary>
    public static (int SrsId, Geometry Geometry) Decode(byte[] blob)
    {
        Assert.Equal((byte)'G', blob[0]);
        Assert.Equal((byte)'P', blob[1]);
        Assert.Equal(0, blob[2]);
        var flags = blob[3];
        var littleEndian = (flags & 1) == 1;
        var srsId = littleEndian ? BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(4)) : BinaryPrimitives.ReadInt32BigEndian(blob.AsSpan(4));
        var envelopeDoubles = ((flags >> 1) & 0b111) switch { 0 => 0, 1 => 4, 2 or 3 => 6, 4 => 8, var e => throw new InvalidDataException($"envelope code {e}") };
        var wkbStart = 8 + (envelopeDoubles * 8);
        var geometry = new WKBReader().Read(blob[wkbStart..]);
        if (envelopeDoubles == 4)
        {
            double D(int i) => littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(blob.AsSpan(8 + (i * 8))) : BinaryPrimitives.ReadDoubleBigEndian(blob.AsSpan(8 + (i * 8)));
            Assert.Equal(geometry.EnvelopeInternal, new Envelope(D(0), D(1), D(2), D(3)));
        }
        return (srsId, geometry);
    }

    public void Dispose()
    {
        Connection.Dispose();
        File.Delete(_path);
    }

    private SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
