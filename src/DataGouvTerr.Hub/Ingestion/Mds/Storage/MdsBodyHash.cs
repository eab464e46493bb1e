using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Metadata;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Storage;

/// <summary>
/// A 64-bit digest (the first 8 bytes of SHA-256) of what the operator said about an item, taken from the stored row's
/// mapped properties, so that a repeat (same MDS id, same body: a retry, or push and pull of one item) is told from a
/// conflict (same id, another body) whatever the JSON's key order, spacing or explicit nulls. Left out: what the hub
/// adds (row id, feed it came through, receipt time, source, flags, the hash itself) and <c>publication_time</c>, which
/// says when a provider published the item, not what happened, and may differ between a push and a pull of it.
/// Geometries enter as WKB (exact doubles), numbers by their bits, text as UTF-8 with its length.
/// </summary>
public static class MdsBodyHash
{
    private static readonly HashSet<string> NotBody = new(StringComparer.Ordinal)
    {
        "Id", nameof(MdsEventRecord.BodyHash), nameof(MdsEventRecord.Flags), nameof(MdsEventRecord.ReceivedAtMs),
        nameof(MdsEventRecord.Source), nameof(MdsEventRecord.FeedId), nameof(MdsEventRecord.PublicationTimeMs),
    };

    private static readonly ConcurrentDictionary<(IModel, Type), IReadOnlyList<IProperty>> BodyProperties = new();

    public static long Of(HubDbContext db, object row)
    {
        var properties = BodyProperties.GetOrAdd((db.Model, row.GetType()), key =>
        {
            var entity = key.Item1.FindEntityType(key.Item2) ?? throw new InvalidOperationException($"{key.Item2.Name} is not in the model.");
            return entity.GetProperties().Where(p => !p.IsShadowProperty() && !NotBody.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        });
        using var buffer = new MemoryStream();
        Span<byte> eight = stackalloc byte[8];
        foreach (var property in properties)
        {
            buffer.Write(Encoding.UTF8.GetBytes(property.Name));
            var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
            switch (value)
            {
                case null:
                    buffer.WriteByte(0);
                    break;
                case Geometry g:
                    Write(buffer, 1, g.AsBinary());
                    break;
                case string s:
                    Write(buffer, 2, Encoding.UTF8.GetBytes(s));
                    break;
                case Guid id:
                    Write(buffer, 3, id.ToByteArray());
                    break;
                case double d:
                    BinaryPrimitives.WriteInt64LittleEndian(eight, BitConverter.DoubleToInt64Bits(d));
                    Write(buffer, 4, eight.ToArray());
                    break;
                case bool b:
                    Write(buffer, 5, [b ? (byte)1 : (byte)0]);
                    break;
                case IConvertible c:
                    BinaryPrimitives.WriteInt64LittleEndian(eight, c.ToInt64(System.Globalization.CultureInfo.InvariantCulture));
                    Write(buffer, 6, eight.ToArray());
                    break;
                default:
                    throw new InvalidOperationException($"{property.Name}: no hash rule for {value.GetType().Name}.");
            }
        }
        var digest = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    private static void Write(MemoryStream buffer, byte tag, byte[] bytes)
    {
        buffer.WriteByte(tag);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
