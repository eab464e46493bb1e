using System.Collections.Concurrent;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Obligations;

/// <summary>
/// Since when an obligation binds its member: since the contract version that introduced it (in the unbroken run of
/// versions that still carry it) took effect, i.e. the later of its effective date and the day it was applied. A feed
/// cannot be in breach before the contract asked anything of it; the obligation's grace period is counted from here.
/// </summary>
public sealed class ObligationInForce(HubDbContext db)
{
    /// <summary>Obligation keys (member/id) per stored version text (by SHA-256): a version's text never changes.</summary>
    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>> KeysByVersion = new(StringComparer.Ordinal);

    public async Task<Dictionary<string, DateTimeOffset>> SinceAsync(MobilityContract current, CancellationToken cancellationToken)
    {
        var versions = await db.Set<ContractVersionRecord>().AsNoTracking().OrderByDescending(v => v.Id)
            .Select(v => new { v.Id, v.Sha256, v.EffectiveDate, v.AppliedAt }).ToListAsync(cancellationToken);
        var since = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var open = current.Obligations.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (open.Count == 0)
            {
                break;
            }
            var keys = await KeysAsync(version.Id, version.Sha256, cancellationToken);
            var start = new DateTimeOffset(version.EffectiveDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var tookEffect = start > version.AppliedAt ? start : version.AppliedAt;
            foreach (var key in open.ToList())
            {
                if (keys.Contains(key))
                {
                    since[key] = tookEffect; // an older version also carries it: it has been in force since then
                }
                else
                {
                    open.Remove(key); // the run is broken: the obligation (re)appeared in the next newer version
                }
            }
        }
        return since;
    }

    public static string Key(Obligation obligation) => $"{obligation.MemberId}/{obligation.Id}";

    private async Task<IReadOnlySet<string>> KeysAsync(long versionId, string sha256, CancellationToken cancellationToken)
    {
        if (KeysByVersion.TryGetValue(sha256, out var known))
        {
            return known;
        }
        var record = await db.Set<ContractVersionRecord>().AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
        var loaded = ContractLoader.Load(record.Yaml, record.Source);
        // A stored version that no longer loads (the format moved on) binds nothing we can name: treat it as a break.
        IReadOnlySet<string> keys = loaded.Contract is { } contract
            ? contract.Obligations.Select(Key).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
        KeysByVersion[sha256] = keys;
        return keys;
    }
}
