using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>
/// The hub's one DbContext. Features add their entities through <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes in their own folders. Geometry columns are handled here once for both providers: native PostGIS
/// geometry with a GiST index, or WKB plus indexed bounding-box columns on SQLite (no spatial plugin there).
/// </summary>
public abstract class HubDbContext(DbContextOptions options) : DbContext(options)
{
    public abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
        if (IsPostgres)
        {
            modelBuilder.HasPostgresExtension("postgis");
        }
        GeometryColumns.Configure(modelBuilder, IsPostgres);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no NetTopologySuite plugin here: every geometry type is stored as WKB. Declared as a
        // convention so EF sees geometries as scalar properties, never as entity types to navigate to.
        if (!IsPostgres)
        {
            GeometryColumns.UseWkbConversions(configurationBuilder);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GeometryColumns.FillBoundingBoxes(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GeometryColumns.FillBoundingBoxes(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

/// <summary>The SQLite flavour (its own migration set).</summary>
public sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options)
{
    public override bool IsPostgres => false;
}

/// <summary>The PostgreSQL/PostGIS flavour (its own migration set).</summary>
public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options)
{
    public override bool IsPostgres => true;
}
