namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>Where the hub keeps its data: the embedded SQLite file (default) or a PostgreSQL/PostGIS server.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Folder for the SQLite files, outboxes and other files the hub writes; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string (provider <c>postgres</c>); also read from ConnectionStrings:Postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (the <c>migrate</c> verb does it explicitly).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, "hub.db"));

    public string SqliteConnectionString => $"Data Source={SqlitePath};Pooling=True;Foreign Keys=True";

    public void Validate()
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !IsPostgres)
        {
            throw new InvalidOperationException($"Store:Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'.");
        }
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("Store:Provider is 'postgres' but no connection string is set (Store:ConnectionString or ConnectionStrings:Postgres).");
        }
    }
}
