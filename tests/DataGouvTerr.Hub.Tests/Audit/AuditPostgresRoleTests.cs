using System.Net;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>
/// The PostgreSQL set-up the README gives: an owner role holds the schema (it runs the migrations and installs the
/// append-only triggers) and the hub runs as an application role that may only INSERT and SELECT on the audit tables.
/// The roles are created here, in the throwaway cluster; the hub then serves and audits as the application role, which
/// cannot update, delete, truncate, drop or disable the triggers, nor switch them off for its session.
/// </summary>
public sealed class AuditPostgresRoleTests
{
    [Fact]
    public async Task The_application_role_only_appends_to_the_audit_log_and_cannot_switch_its_guards_off()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (owner, app) = ($"dgt_owner_{suffix}", $"dgt_app_{suffix}");
        var database = await TestPostgres.CreateDatabaseAsync("dgt_roles");
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await ExecAsync(database, $"""
            CREATE ROLE {owner} LOGIN; CREATE ROLE {app} LOGIN;
            GRANT CREATE, CONNECT ON DATABASE "{name}" TO {owner}; GRANT CONNECT ON DATABASE "{name}" TO {app};
            ALTER SCHEMA public OWNER TO {owner};
            """);
        var asOwner = As(database, owner);
        var key = Path.Combine(Path.GetTempPath(), $"dgt-roles-{suffix}.pem"); // one key across both starts, as in production
        var asApp = As(database, app);
        try
        {
            // 1. The owner migrates (the hub's start-up does what `migrate` does) and installs the triggers.
            await using (var ownerHub = await HubFactory.StartAsync(StoreProviders.Postgres, new Dictionary<string, string?>
            {
                ["Store:ConnectionString"] = asOwner,
                ["Audit:SigningKeyFile"] = key,
            }))
            {
                Assert.Equal(HttpStatusCode.OK, (await (await ownerHub.ClientForAsync("metropole-rouen")).GetAsync("/contract")).StatusCode);
            }
            await ExecAsync(asOwner, File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "postgres", "grant-app-role.sql")).Replace("dgt_app", app, StringComparison.Ordinal));

            // 2. The hub runs as the application role and audits as usual.
            await using var hub = await HubFactory.StartAsync(StoreProviders.Postgres, new Dictionary<string, string?>
            {
                ["Store:ConnectionString"] = asApp,
                ["Store:MigrateOnStartup"] = "false",
                ["Audit:SigningKeyFile"] = key,
            });
            var member = await hub.ClientForAsync("region-normandie");
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/contract?as-app-role")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/audit/proofs?from_size=1")).StatusCode);
            await using (var scope = hub.Scope())
            {
                var verified = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
                Assert.True(verified.Intact, verified.Reason);
            }

            // 3. What the application role cannot do, whatever the code running as it tries.
            foreach (var (table, column) in new[] { ("audit_log", "Reason"), ("audit_tree_nodes", "Hash") })
            {
                foreach (var sql in new[]
                {
                    $"UPDATE {table} SET \"{column}\" = \"{column}\"",
                    $"DELETE FROM {table}",
                    $"TRUNCATE {table}",
                    $"ALTER TABLE {table} DISABLE TRIGGER ALL",
                    $"ALTER TABLE {table} DISABLE TRIGGER {table}_no_truncate",
                    $"DROP TRIGGER {table}_no_truncate ON {table}",
                    $"DROP TABLE {table}",
                })
                {
                    var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecAsync(asApp, sql));
                    Assert.True(refused.SqlState is "42501", $"{sql}: {refused.SqlState} {refused.MessageText}"); // insufficient privilege / must be owner
                }
            }
            var replica = await Assert.ThrowsAsync<PostgresException>(() => ExecAsync(asApp, "SET session_replication_role = replica"));
            Assert.Equal("42501", replica.SqlState); // the superuser's way round triggers is closed too
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/contract?still-fine")).StatusCode);
        }
        finally
        {
            File.Delete(key);
            NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropDatabaseAsync(database);
            await ExecAsync(TestPostgres.ServerConnectionString, $"DROP ROLE IF EXISTS {app}; DROP ROLE IF EXISTS {owner};");
        }
    }

    private static string As(string database, string role) => new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString;

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
