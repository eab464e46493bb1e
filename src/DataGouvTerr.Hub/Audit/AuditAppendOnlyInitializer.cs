using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Makes the database itself refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) on <c>audit_log</c>, so the log is
/// append-only even for code or people that bypass the hub. Installed after the migrations on every start and before
/// every verb; idempotent. Kept out of the migrations because those are regenerated from the model.
/// </summary>
internal sealed class AuditAppendOnlyInitializer(ILogger<AuditAppendOnlyInitializer> logger) : IStoreInitializer
{
    public const string RefusalMessage = "audit_log is append-only";

    private const string SqliteTriggers = $"""
        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{RefusalMessage}: DELETE refused'); END;
        """;

    // The advisory lock keeps several processes starting together from racing on CREATE OR REPLACE.
    private const string PostgresTriggers = $"""
        SELECT pg_advisory_xact_lock(4475474155444901);
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN RAISE EXCEPTION '{RefusalMessage}: % refused', TG_OP; END
        $fn$;
        CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        """;

    /// <summary>After the migrations (0), before the contract bootstrap (10).</summary>
    public int Order => 5;

    public async Task InitializeAsync(IServiceProvider scopedServices, CancellationToken cancellationToken)
    {
        var db = scopedServices.GetRequiredService<HubDbContext>();
        var exists = db.IsPostgres
            ? await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('audit_log') IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken)
            : await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'")
                .SingleAsync(cancellationToken) > 0;
        if (!exists)
        {
            logger.LogWarning("audit_log does not exist yet (migrations not applied): append-only triggers not installed");
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? PostgresTriggers : SqliteTriggers, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
