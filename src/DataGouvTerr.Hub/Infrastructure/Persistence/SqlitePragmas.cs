using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>
/// Every SQLite connection runs in WAL mode (readers do not block the writer), waits for a busy writer instead
/// of failing, and syncs at NORMAL: in WAL a commit survives a process crash; only an OS crash or power loss can
/// lose the last transactions, which for MDS pushes the operator would resend.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
