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
            // Feed leases: in the store on PostgreSQL; SQLite keeps them in a file of their own (see SqlFeedLeaseStore).
            modelBuilder.Entity<Jobs.FeedLeaseRecord>(b =>
            {
                b.ToTable("feed_leases");
                b.HasKey(l => l.FeedKey);
                b.Property(l => l.FeedKey).HasColumnName("feed_key").HasMaxLength(200);
                b.Property(l => l.Holder).HasColumnName("holder").HasMaxLength(200);
                b.Property(l => l.TakenAtMs).HasColumnName("taken_at_ms");
                b.Property(l => l.ExpiresAtMs).HasColumnName("expires_at_ms");
            });
        }
        GeometryColumns.Configure(modelBuilder, IsPostgres);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no NetTopologySuite plugin here: every geometry type is stored as WKB. Declared as a
        // convention so EF sees geometries as scalar properties, never as entity types to navigate to.
        if (!IsPostgres)
        {
            GeometryColumns.ConfigureSqliteConventions(configurationBuilder);
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
