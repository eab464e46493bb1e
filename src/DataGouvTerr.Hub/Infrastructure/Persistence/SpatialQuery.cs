using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>
/// "Rows whose geometry intersects this area" on both providers with the same answer: PostGIS evaluates
/// ST_Intersects on its GiST index; SQLite narrows by the bounding-box columns in SQL, then NetTopologySuite
/// evaluates the exact predicate on the few candidates.
/// </summary>
public static class SpatialQuery
{
    public static async Task<List<T>> IntersectingAsync<T>(
        this IQueryable<T> query,
        HubDbContext db,
        Expression<Func<T, Geometry?>> geometry,
        Geometry area,
        CancellationToken cancellationToken = default)
        where T : class
    {
        if (db.IsPostgres)
        {
            // The area must reach SQL as a parameter: a constant is written as a literal typed like the column, so a
            // polygon compared with a geometry(Point) column would be cast to Point and rejected by PostGIS.
            var column = geometry.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : geometry.Body;
            var parameter = Expression.Property(Expression.Constant(new AreaParameter(area)), nameof(AreaParameter.Area));
            var intersects = Expression.Lambda<Func<T, bool>>(
                Expression.AndAlso(
                    Expression.NotEqual(column, Expression.Constant(null, column.Type)),
                    Expression.Call(column, typeof(Geometry).GetMethod(nameof(Geometry.Intersects), [typeof(Geometry)])!, parameter)),
                geometry.Parameters);
            return await query.Where(intersects).ToListAsync(cancellationToken);
        }

        var candidates = await WithinBoundingBox(query, geometry, area.EnvelopeInternal).ToListAsync(cancellationToken);
        var prepared = PreparedGeometryFactory.Prepare(area);
        var compiled = geometry.Compile();
        return candidates.Where(c => compiled(c) is { } g && prepared.Intersects(g)).ToList();
    }

    /// <summary>The SQL part of the SQLite path: bounding boxes that overlap the envelope (a superset of the answer).</summary>
    public static IQueryable<T> WithinBoundingBox<T>(IQueryable<T> query, Expression<Func<T, Geometry?>> geometry, Envelope envelope)
        where T : class
    {
        var name = ((MemberExpression)geometry.Body).Member.Name;
        var e = geometry.Parameters[0];
        Expression Column(string corner) => Expression.Call(
            typeof(EF), nameof(EF.Property), [typeof(double?)], e, Expression.Constant(GeometryColumns.BoundingBoxColumn(name, corner)));
        var body = Expression.AndAlso(
            Expression.AndAlso(
                Expression.LessThanOrEqual(Column(GeometryColumns.MinX), Expression.Constant((double?)envelope.MaxX, typeof(double?))),
                Expression.GreaterThanOrEqual(Column(GeometryColumns.MaxX), Expression.Constant((double?)envelope.MinX, typeof(double?)))),
            Expression.AndAlso(
                Expression.LessThanOrEqual(Column(GeometryColumns.MinY), Expression.Constant((double?)envelope.MaxY, typeof(double?))),
                Expression.GreaterThanOrEqual(Column(GeometryColumns.MaxY), Expression.Constant((double?)envelope.MinY, typeof(double?)))));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, e));
    }

    /// <summary>Holds the area so EF Core's parameter extraction turns it into a query parameter.</summary>
    private sealed class AreaParameter(Geometry area)
    {
        public Geometry Area { get; } = area;
    }
}
