using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Makes the database itself refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) on <c>audit_log</c> and
/// <c>audit_tree_nodes</c>, so the log is append-only even for code or people that bypass the hub. Installed after the
/// migrations on every start and before every verb; idempotent. Kept out of the migrations because those are regenerated
/// from the model. On PostgreSQL only the tables' owner may install triggers (and only the owner, or a superuser, may
/// disable them): when the hub runs as an application role that does not own the tables, as the README recommends, it
/// leaves this to the owner's <c>migrate</c> run.
/// </summary>
internal sealed class AuditAppendOnlyInitializer(ILogger<AuditAppendOnlyInitializer> logger) : IStoreInitializer
{
    public const string RefusalMessage = "audit_log is append-only";

    private static readonly string[] Tables = ["audit_log", "audit_tree_nodes"];

    private static string SqliteTriggers(string table) => $"""
        CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: DELETE refused'); END;
        """;

    // The advisory lock keeps several processes starting together from racing on CREATE OR REPLACE.
    private const string PostgresFunction = $"""
        SELECT pg_advisory_xact_lock(4475474155444901);
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN RAISE EXCEPTION '{RefusalMessage}: % refused', TG_OP; END
        $fn$;
        """;

    private static string PostgresTriggers(string table) => $"""
        CREATE OR REPLACE TRIGGER {NoChange(table)} BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        """;

    // audit_log keeps the trigger name it always had (operators' scripts and tests name it).
    private static string NoChange(string table) => table == "audit_log" ? "audit_log_no_change" : $"{table}_no_change";

    /// <summary>After the migrations (0), before the contract bootstrap (10).</summary>
    public int Order => 5;

    public async Task InitializeAsync(IServiceProvider scopedServices, CancellationToken cancellationToken)
    {
        var db = scopedServices.GetRequiredService<HubDbContext>();
        var exists = db.IsPostgres
            ? await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('audit_tree_nodes') IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken)
            : await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'audit_tree_nodes'")
                .SingleAsync(cancellationToken) > 0;
        if (!exists)
        {
            logger.LogWarning("audit_log does not exist yet (migrations not applied): append-only triggers not installed");
            return;
        }
        if (db.IsPostgres && !await OwnsAuditTablesAsync(db, cancellationToken))
        {
            logger.LogInformation("The audit tables belong to another role: their append-only triggers are the owner's to install (run `migrate` as the owner).");
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var sql = db.IsPostgres
            ? PostgresFunction + string.Concat(Tables.Select(PostgresTriggers))
            : string.Concat(Tables.Select(SqliteTriggers));
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static async Task<bool> OwnsAuditTablesAsync(HubDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<bool>("""
            SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE')) AS "Value"
            FROM pg_class c WHERE c.oid IN ('audit_log'::regclass, 'audit_tree_nodes'::regclass)
            """).SingleAsync(cancellationToken);
}
