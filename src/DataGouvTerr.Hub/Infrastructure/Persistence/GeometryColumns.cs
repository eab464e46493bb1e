using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>
/// Maps every NetTopologySuite property of the model the same way, so features never think about the provider:
/// PostGIS gets <c>geometry(Type,4326)</c> columns with GiST indexes; SQLite gets WKB blobs and four
/// bounding-box columns (<c>&lt;Prop&gt;MinX</c>… in degrees) indexed for window queries.
/// </summary>
public static class GeometryColumns
{
    public const string MinX = "MinX";
    public const string MinY = "MinY";
    public const string MaxX = "MaxX";
    public const string MaxY = "MaxY";

    private static readonly ValueConverter<Geometry, byte[]> WkbConverter = new(
        g => new WKBWriter(ByteOrder.LittleEndian, handleSRID: false).Write(g),
        b => ReadWkb(b));

    private static Geometry ReadWkb(byte[] bytes)
    {
        var geometry = new WKBReader().Read(bytes);
        geometry.SRID = 4326;
        return geometry;
    }

    public static string BoundingBoxColumn(string geometryProperty, string corner) => geometryProperty + corner;

    internal static void Configure(ModelBuilder modelBuilder, bool postgres)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().ToList())
        {
            foreach (var property in entity.GetProperties().Where(p => typeof(Geometry).IsAssignableFrom(p.ClrType)).ToList())
            {
                var builder = modelBuilder.Entity(entity.ClrType);
                if (postgres)
                {
                    builder.Property(property.Name).HasColumnType($"geometry({PostgisType(property.ClrType)},4326)");
                    builder.HasIndex(property.Name).HasMethod("gist");
                }
                else
                {
                    foreach (var corner in new[] { MinX, MinY, MaxX, MaxY })
                    {
                        builder.Property<double?>(BoundingBoxColumn(property.Name, corner));
                    }
                    builder.HasIndex(BoundingBoxColumn(property.Name, MinX), BoundingBoxColumn(property.Name, MinY));
                }
            }
        }
    }

    internal static void UseWkbConversions(ModelConfigurationBuilder builder)
    {
        builder.Properties<Geometry>().HaveConversion<CastingConverter<Geometry>>();
        builder.Properties<Point>().HaveConversion<CastingConverter<Point>>();
        builder.Properties<LineString>().HaveConversion<CastingConverter<LineString>>();
        builder.Properties<Polygon>().HaveConversion<CastingConverter<Polygon>>();
        builder.Properties<MultiPoint>().HaveConversion<CastingConverter<MultiPoint>>();
        builder.Properties<MultiLineString>().HaveConversion<CastingConverter<MultiLineString>>();
        builder.Properties<MultiPolygon>().HaveConversion<CastingConverter<MultiPolygon>>();
        builder.Properties<GeometryCollection>().HaveConversion<CastingConverter<GeometryCollection>>();
    }

    private static string PostgisType(Type clrType) => clrType.Name switch
    {
        nameof(Point) => "Point",
        nameof(LineString) => "LineString",
        nameof(Polygon) => "Polygon",
        nameof(MultiPoint) => "MultiPoint",
        nameof(MultiLineString) => "MultiLineString",
        nameof(MultiPolygon) => "MultiPolygon",
        _ => "Geometry",
    };

    /// <summary>Keeps the SQLite bounding-box columns in step with the geometry they summarise.</summary>
    internal static void FillBoundingBoxes(ChangeTracker tracker)
    {
        if (tracker.Context is HubDbContext { IsPostgres: true })
        {
            return;
        }
        foreach (var entry in tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties.Where(p => p.Metadata.ClrType.IsAssignableTo(typeof(Geometry))))
            {
                var envelope = (property.CurrentValue as Geometry)?.EnvelopeInternal;
                var empty = envelope is null || envelope.IsNull;
                entry.Property(BoundingBoxColumn(property.Metadata.Name, MinX)).CurrentValue = empty ? null : envelope!.MinX;
                entry.Property(BoundingBoxColumn(property.Metadata.Name, MinY)).CurrentValue = empty ? null : envelope!.MinY;
                entry.Property(BoundingBoxColumn(property.Metadata.Name, MaxX)).CurrentValue = empty ? null : envelope!.MaxX;
                entry.Property(BoundingBoxColumn(property.Metadata.Name, MaxY)).CurrentValue = empty ? null : envelope!.MaxY;
            }
        }
    }

    /// <summary>WKB conversion typed for each geometry subclass (EF needs the exact model CLR type).</summary>
    private sealed class CastingConverter<T>() : ValueConverter<T, byte[]>(
        g => WkbConverter.ConvertToProviderTyped(g),
        b => (T)WkbConverter.ConvertFromProviderTyped(b))
        where T : Geometry;

    /// <summary>Bounding box of a geometry as the SQLite columns hold it, for bulk loaders that bypass SaveChanges.</summary>
    public static (double MinX, double MinY, double MaxX, double MaxY) BoundingBoxOf(Geometry geometry)
    {
        var e = geometry.EnvelopeInternal;
        return (e.MinX, e.MinY, e.MaxX, e.MaxY);
    }

    public static byte[] ToWkb(Geometry geometry) => WkbConverter.ConvertToProviderTyped(geometry);

    public static IEnumerable<IProperty> GeometryProperties(IEntityType entity) =>
        entity.GetProperties().Where(p => typeof(Geometry).IsAssignableFrom(p.ClrType));
}
