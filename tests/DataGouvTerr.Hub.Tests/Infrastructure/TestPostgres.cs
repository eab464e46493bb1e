using Npgsql;

namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>
/// Fresh PostGIS databases for tests, on the server whose connection string is in DGT_TEST_POSTGRES (set by
/// ./test.sh, which .ci/run calls). A missing server is a failure that says how to start one, never a skip: the
/// PostGIS half of the suite must run.
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
                throw new InvalidOperationException("CI=true but DGT_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL/PostGIS and sets it.");
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
                throw new InvalidOperationException($"This test needs PostgreSQL 15 + PostGIS 3 and none answers at '{ServerConnectionString}': run ./test.sh (it installs and starts one), or eval \"$(scripts/start-postgis.sh)\" then dotnet test.", ex);
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
