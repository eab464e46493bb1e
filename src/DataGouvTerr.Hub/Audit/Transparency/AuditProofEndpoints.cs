using System.Globalization;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>
/// The transparency side of the audit log. <c>GET /audit/key</c> (public): the key that signs tree heads.
/// <c>GET /audit/proofs</c>: the signed head of a tree size (default the latest), with an inclusion proof for
/// <c>entry</c> and/or a consistency proof from <c>from_size</c>. Consistency proofs are hashes only and open to every
/// member; an inclusion proof returns the entry, so a member gets it only for its own entries (the administrator for all).
/// </summary>
internal static class AuditProofEndpoints
{
    public static IEndpointRouteBuilder MapAuditProofEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/key", (TreeHeadSigner signer) => Results.Ok(new
        {
            algorithm = "ECDSA P-256, SHA-256, DER signature (RFC 3279)",
            key_id = signer.KeyId,
            public_key_pem = signer.PublicKeyPem,
            signed_message = "ASCII \"dgt-audit-tree-head-v1\\n{tree_size}\\n{timestamp_ms}\\n{root_hash hex}\\n\"",
            header = $"{SignedTreeHead.HeaderName}: v1.{{tree_size}}.{{timestamp_ms}}.{{root_hash hex}}.{{signature base64url}}",
        })).WithTags("Audit").AllowAnonymous()
            .WithSummary("The public key that signs the audit log's tree heads (check receipts with it).");

        app.MapGet("/audit/proofs", ProofsAsync).WithTags("Audit").RequireAuthorization()
            .WithSummary("Signed tree head, inclusion proof (entry, own entries only) and consistency proof (from_size) of the audit log.");
        return app;
    }

    private static async Task<IResult> ProofsAsync(HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var latest = await AuditTreeStore.SizeAsync(db, ct);
        if (latest == 0)
        {
            return Results.Problem(statusCode: 404, title: "Empty log", detail: "The audit log has no entry yet, so there is no tree head.");
        }
        long treeSize;
        long? entryId;
        long? fromSize;
        try
        {
            treeSize = Parse(http, "tree_size", 1, latest) ?? latest;
            entryId = Parse(http, "entry", 1, treeSize);
            fromSize = Parse(http, "from_size", 0, treeSize);
        }
        catch (BadParameterException bad)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [bad.Field] = [bad.Reason] },
                detail: $"Parameter '{bad.Field}' is invalid: {bad.Reason}");
        }

        var lookup = AuditTreeStore.Lookup(db, ct);
        var head = (await AuditTreeStore.HeadAsync(db, treeSize, ct))!;
        object? inclusion = null;
        if (entryId is { } id)
        {
            var entry = await db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == id, ct);
            var me = http.User.MemberId();
            if (!http.User.IsAdmin() && entry.MemberId != me)
            {
                return Results.Problem(statusCode: 403, title: "Forbidden",
                    detail: $"Entry {id} is not about member '{me}': a member gets inclusion proofs of its own entries only (consistency proofs of any size).");
            }
            var path = await MerkleTree.InclusionProofAsync(id - 1, treeSize, lookup);
            inclusion = new
            {
                entry_id = id,
                leaf_index = id - 1,
                leaf_hash = entry.LeafHash,
                path = path.Select(Convert.ToHexStringLower),
                entry = new
                {
                    id = entry.Id,
                    at_unix_ms = entry.AtUnixMs,
                    member = entry.MemberId,
                    token = entry.TokenId,
                    endpoint = entry.Endpoint,
                    product = entry.Product,
                    parameters = entry.Parameters,
                    rows_returned = entry.RowsReturned,
                    decision = entry.Decision,
                    reason = entry.Reason,
                    status_code = entry.StatusCode,
                    source_feeds = entry.SourceFeeds,
                },
            };
        }
        object? consistency = null;
        if (fromSize is { } from)
        {
            var path = await MerkleTree.ConsistencyProofAsync(from, treeSize, lookup);
            consistency = new { from_size = from, tree_size = treeSize, path = path.Select(Convert.ToHexStringLower) };
        }
        return Results.Ok(new { tree_head = Describe(head), inclusion, consistency });
    }

    public static object Describe(SignedTreeHead head) => new
    {
        tree_size = head.TreeSize,
        timestamp = DateTimeOffset.FromUnixTimeMilliseconds(head.TimestampMs),
        timestamp_ms = head.TimestampMs,
        root_hash = head.RootHex,
        signature = System.Buffers.Text.Base64Url.EncodeToString(head.Signature),
        compact = head.ToCompact(),
    };

    private static long? Parse(HttpContext http, string field, long min, long max)
    {
        if (!http.Request.Query.TryGetValue(field, out var raw))
        {
            return null;
        }
        return long.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new BadParameterException(field, $"'{AuditText.Escape(raw.ToString())}' is not a whole number between {min} and {max}.");
    }
}
