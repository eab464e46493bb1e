using System.Security.Cryptography;
using System.Text;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Contracts;

/// <summary>The outcome of applying a contract file: the new version, or every error found and nothing written.</summary>
public sealed record ContractApplyResult(ContractVersionRecord? Applied, IReadOnlyList<ContractError> Errors)
{
    public bool Succeeded => Applied is not null;
}

/// <summary>
/// Applies and reads contract versions. A new version is validated completely before anything is written,
/// and lands in one insert: an invalid contract never replaces the current one.
/// </summary>
public sealed class ContractStore(HubDbContext db, TimeProvider clock, ContractChangeSignal changes)
{
    public async Task<ContractApplyResult> ApplyAsync(string yaml, string source, string appliedBy, CancellationToken cancellationToken)
    {
        var loaded = ContractLoader.Load(yaml, source);
        if (!loaded.IsValid)
        {
            return new ContractApplyResult(null, loaded.Errors);
        }
        var contract = loaded.Contract!;
        if (await db.Set<ContractVersionRecord>().AnyAsync(v => v.Version == contract.Version, cancellationToken))
        {
            return new ContractApplyResult(null,
                [new ContractError(source, "version", $"version '{contract.Version}' was already applied; a new version needs a new number")]);
        }
        var record = new ContractVersionRecord
        {
            Version = contract.Version,
            EffectiveDate = contract.EffectiveDate,
            Yaml = yaml,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))),
            Source = source,
            AppliedAt = clock.GetUtcNow(),
            AppliedBy = appliedBy,
        };
        db.Add(record);
        // Tokens of members the new version no longer names are revoked, not merely refused while they are absent:
        // re-adding the same id in a later version must not bring old tokens back. Same SaveChanges, so atomic.
        var members = contract.Members.Select(m => m.Id).ToList();
        foreach (var token in await db.Set<ApiToken>().Where(t => t.RevokedAt == null && !members.Contains(t.MemberId)).ToListAsync(cancellationToken))
        {
            token.RevokedAt = record.AppliedAt;
        }
        await db.SaveChangesAsync(cancellationToken);
        changes.Notify();
        return new ContractApplyResult(record, []);
    }

    /// <summary>
    /// Applies a contract file. Geometry files it names (<c>geometry_file</c>, <c>perimeter_file</c>) are folded into
    /// the stored text, so the stored version reloads on its own wherever the hub runs.
    /// </summary>
    public async Task<ContractApplyResult> ApplyFileAsync(string path, string appliedBy, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var yaml = ContractGeometryInliner.Inline(await File.ReadAllTextAsync(fullPath, cancellationToken), Path.GetDirectoryName(fullPath)!);
        return await ApplyAsync(yaml, fullPath, appliedBy, cancellationToken);
    }

    public Task<ContractVersionRecord?> CurrentRecordAsync(CancellationToken cancellationToken) =>
        db.Set<ContractVersionRecord>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);

    public Task<List<ContractVersionRecord>> HistoryAsync(CancellationToken cancellationToken) =>
        db.Set<ContractVersionRecord>().AsNoTracking().OrderByDescending(v => v.Id).ToListAsync(cancellationToken);
}
