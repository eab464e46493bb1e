using DataGouvTerr.Hub.Audit.Transparency;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Appends to the audit log, a Merkle-tree transparency log: each entry becomes the next leaf, the completed subtrees
/// are stored, and the new tree head (size, root, time) is signed and kept on the entry. One writer at a time per process
/// (<see cref="AuditLogState"/>) and per database (PostgreSQL advisory lock; SQLite's write transaction is already
/// exclusive). The in-memory frontier makes an append O(log n); when another process appended meanwhile it is reloaded
/// from the stored subtrees, after checking that process's signature, so a row forged in the database is never built on.
/// </summary>
internal sealed class AuditTrail(HubDbContext db, TimeProvider clock, TreeHeadSigner signer, AuditLogState state, AuditCheckpoint checkpoint)
    : IAuditTrail
{
    private const long ChainLockKey = 0x44475441554449; // "DGTAUDI"

    public async Task<AuditReceipt> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await state.Writer.WaitAsync(cancellationToken);
        // SQLite: queue with the other writers of this file (MDS batches) instead of polling the file lock.
        using var sqliteTurn = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var receipt = await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.IsPostgres)
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
                }
                var frontier = await FrontierAsync(cancellationToken);
                // Whole milliseconds: what the leaf and the head sign, and what PostgreSQL reads back unchanged.
                var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
                var entry = new AuditEntry
                {
                    Id = frontier.Size + 1,
                    At = now,
                    AtUnixMs = now.ToUnixTimeMilliseconds(),
                    MemberId = AuditText.Escape(record.MemberId),
                    TokenId = AuditText.Escape(record.TokenId),
                    Endpoint = AuditText.Escape(record.Endpoint)!,
                    Product = AuditText.Escape(record.Product),
                    Parameters = AuditText.Escape(record.Parameters),
                    RowsReturned = record.RowsReturned,
                    Decision = AuditText.Escape(record.Decision)!,
                    Reason = AuditText.Escape(record.Reason),
                    StatusCode = record.StatusCode,
                    SourceFeeds = AuditText.Escape(record.SourceFeeds),
                    LeafHash = "",
                    RootHash = "",
                    HeadSignature = "",
                };
                var leaf = Transparency.MerkleTree.HashLeaf(AuditLeaf.Encode(entry));
                var next = frontier.Clone();
                var nodes = next.Append(leaf);
                var head = signer.Sign(entry.Id, entry.AtUnixMs, next.Root());
                entry.LeafHash = Convert.ToHexStringLower(leaf);
                entry.RootHash = head.RootHex;
                entry.HeadSignature = System.Buffers.Text.Base64Url.EncodeToString(head.Signature);
                List<object> rows = [entry, .. nodes.Select(n => new AuditTreeNode
                {
                    Level = n.Level,
                    Index = n.Index,
                    Hash = Convert.ToHexStringLower(n.Hash),
                    EntryId = entry.Id,
                })];
                db.AddRange(rows);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                }
                finally
                {
                    // Only our rows: a caller's own tracked entities (MemberNotices, FlowDelivery) stay as they were.
                    rows.ForEach(r => db.Entry(r).State = EntityState.Detached);
                }
                state.Remember(next, head.RootHex);
                return new AuditReceipt(entry.Id, entry.LeafHash, head);
            });
            checkpoint.Offer(receipt.Head);
            return receipt;
        }
        catch
        {
            state.Forget(); // the append may or may not have committed: rebuild from the store next time
            throw;
        }
        finally
        {
            state.Writer.Release();
        }
    }

    private async Task<MerkleFrontier> FrontierAsync(CancellationToken cancellationToken)
    {
        var last = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new { e.Id, e.AtUnixMs, e.RootHash, e.HeadSignature }).FirstOrDefaultAsync(cancellationToken);
        if (state.Matches(last?.Id ?? 0, last?.RootHash) is { } cached)
        {
            return cached;
        }
        // Never build on a log shorter than a head already handed out: that would sign over a truncation.
        var signedBefore = Math.Max(state.HighestSigned, checkpoint.ReadOrNull()?.TreeSize ?? 0);
        if ((last?.Id ?? 0) < signedBefore)
        {
            throw new AuditTreeDamagedException($"the audit log holds {last?.Id ?? 0} entries but a head of {signedBefore} was already signed: it was truncated. Run `audit verify`.");
        }
        if (last is null)
        {
            return new MerkleFrontier();
        }
        // Someone else appended (another replica, the worker), or this process just started: trust their row only if the
        // key signed it and the stored subtrees add up to the root it signs.
        var head = AuditTreeStore.ToHead(last.Id, last.AtUnixMs, last.RootHash, last.HeadSignature);
        if (!signer.Verify(head))
        {
            throw new AuditTreeDamagedException($"the newest audit entry ({last.Id}) does not carry a valid tree head signature: it was not written by this log's key. Run `audit verify`.");
        }
        var frontier = await MerkleFrontier.LoadAsync(last.Id, AuditTreeStore.Lookup(db, cancellationToken));
        if (!frontier.Root().AsSpan().SequenceEqual(head.RootHash))
        {
            throw new AuditTreeDamagedException($"the stored subtrees do not add up to the signed root of entry {last.Id}. Run `audit verify`.");
        }
        return frontier;
    }
}

/// <summary>What the log gives back for an entry: its id, leaf hash, and the signed head of the tree that ends with it.</summary>
public sealed record AuditReceipt(long EntryId, string LeafHash, SignedTreeHead Head)
{
    public const string EntryHeaderName = "X-Audit-Entry";

    /// <summary>The <c>X-Audit-Entry</c> header: <c>{entry id}.{leaf hash hex}</c>.</summary>
    public string EntryHeader => $"{EntryId}.{LeafHash}";
}

/// <summary>The process's writer turn and its cached frontier (the right edge of the tree after its own last append).</summary>
internal sealed class AuditLogState
{
    private MerkleFrontier? _frontier;
    private string? _rootHex;

    public SemaphoreSlim Writer { get; } = new(1, 1);

    /// <summary>The largest tree this process signed: the log may never again be shorter.</summary>
    public long HighestSigned { get; private set; }

    public MerkleFrontier? Matches(long size, string? rootHex) =>
        _frontier is { } f && f.Size == size && _rootHex == rootHex ? f : null;

    public void Remember(MerkleFrontier frontier, string rootHex)
    {
        _frontier = frontier;
        _rootHex = rootHex;
        HighestSigned = Math.Max(HighestSigned, frontier.Size);
    }

    public void Forget()
    {
        _frontier = null;
        _rootHex = null;
    }
}
