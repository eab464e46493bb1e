using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>One refused item of a registry request (vehicles, stops), with the feed and provider it is filed under.</summary>
public sealed record MdsRefusal(int Index, MdsBulkFailure Failure, Guid ProviderId, FeedDeclaration Feed);

/// <summary>
/// Files refused items of the registry endpoints (vehicles, stops) in the quarantine the operator sees in
/// <c>GET /mds/ingestion</c>: the raw item cut to <see cref="ItemChars"/>, the spec's failure code, the parameters at
/// fault, the reason and the time. Kept bounded per provider (oldest dropped) and purged by the retention job with the
/// feed's raw data. Runs inside the caller's transaction (SaveChanges is the caller's).
/// </summary>
public sealed class MdsQuarantine(HubDbContext db, Microsoft.Extensions.Options.IOptions<MdsOptions> options)
{
    /// <summary>A refused item is kept as sent up to this many characters: enough to see the fault, not a disk filler.</summary>
    public const int ItemChars = 4096;

    /// <summary>Adds the refused items to the context; returns the provider ids they were filed under (to trim).</summary>
    public IReadOnlyList<Guid> Add(string endpoint, IEnumerable<MdsRefusal> refusals, long nowMs)
    {
        var providerIds = new HashSet<Guid>();
        foreach (var refusal in refusals)
        {
            var raw = refusal.Failure.Item.GetRawText();
            // An item whose provider id cannot be read is filed under the feed's first provider id, so its
            // operator (the only one who may push to the feed) sees it.
            var providerId = refusal.ProviderId != Guid.Empty || refusal.Feed.ProviderIds.Count == 0 ? refusal.ProviderId : refusal.Feed.ProviderIds[0];
            providerIds.Add(providerId);
            db.Add(new MdsRejectedItem
            {
                FeedId = refusal.Feed.Id,
                ProviderId = providerId,
                Endpoint = endpoint,
                Error = refusal.Failure.Error,
                Params = string.Join(",", refusal.Failure.ErrorDetails),
                Reasons = refusal.Failure.ErrorDescription,
                ItemJson = raw.Length <= ItemChars ? raw : raw[..ItemChars],
                ReceivedAtMs = nowMs,
            });
        }
        return [.. providerIds];
    }

    /// <summary>Keeps the quarantine bounded: beyond the limit per provider, the oldest rejected items go.</summary>
    public async Task TrimAsync(IEnumerable<Guid> providerIds, CancellationToken ct)
    {
        var limit = options.Value.QuarantinePerProvider;
        foreach (var providerId in providerIds.Distinct())
        {
            var cutoff = await db.Set<MdsRejectedItem>().Where(r => r.ProviderId == providerId)
                .OrderByDescending(r => r.Id).Skip(limit).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            if (cutoff is not null)
            {
                await db.Set<MdsRejectedItem>().Where(r => r.ProviderId == providerId && r.Id <= cutoff).ExecuteDeleteAsync(ct);
            }
        }
    }
}
