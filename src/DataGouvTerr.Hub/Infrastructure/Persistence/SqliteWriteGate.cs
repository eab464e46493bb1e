using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Infrastructure.Persistence;

/// <summary>
/// One writer at a time per SQLite file inside this process, queued in memory. SQLite allows one write transaction
/// anyway; without this, waiting writers poll the file lock with growing sleeps (busy_timeout) and the lock sits idle
/// between a commit and the next poll, which under concurrent pushes costs more than the writes themselves. Writers
/// of other processes (CLI verbs) still meet the busy timeout as before. A no-op on PostgreSQL.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this database's write turn; dispose the result to pass it on.</summary>
    public static async Task<IDisposable> EnterAsync(HubDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return Turn.None;
        }
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim? gate) : IDisposable
    {
        public static readonly Turn None = new(null);
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
