using Npgsql;

namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>
/// Fresh PostGIS databases for tests, on the server whose connection string is in DGT_TEST_POSTGRES (set by
/// .ci/run). Under CI=true a missing server is a failure, never a skip: the PostGIS half of the suite must run.
/// </summary>
public static class TestPostgres
{
    private const string DevDefault = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public static string ServerConnectionString
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("DGT_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but DGT_TEST_POSTGRES is not set: .ci/run must start PostgreSQL/PostGIS for the tests.");
            }
            return DevDefault;
        }
    }

    /// <summary>Creates an empty database with PostGIS enabled and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "dgt_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await using (var server = new NpgsqlConnection(ServerConnectionString))
        {
            try
            {
                await server.OpenAsync();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"No PostgreSQL at '{ServerConnectionString}': start it with scripts/start-postgis.sh (.ci/run does).", ex);
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        await using (var db = new NpgsqlConnection(builder.ConnectionString))
        {
            await db.OpenAsync();
            await using var postgis = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", db);
            await postgis.ExecuteNonQueryAsync();
        }
        return builder.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
