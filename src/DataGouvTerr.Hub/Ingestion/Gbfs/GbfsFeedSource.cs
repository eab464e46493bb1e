using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>
/// Finds a GBFS feed in the current contract and the URL of its discovery file: the contract's URL as is, or
/// for a <c>file</c> source an absolute path, or a path relative to <see cref="GbfsOptions.FileSourceRoot"/>
/// when set, else to the folder of the contract file (<c>Contract:Path</c>), as the contract format says; as a <c>file://</c> URL.
/// </summary>
public sealed class GbfsFeedSource(IContractProvider contracts, IOptions<GbfsOptions> options, IOptions<ContractOptions> contractOptions)
{
    public async Task<(MobilityContract? Contract, FeedDeclaration? Feed, Uri? DiscoveryUrl)> FindAsync(string feedId, CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        var feed = contract.FindFeed(feedId);
        if (feed is not { Kind: FeedKind.Gbfs, Source: { Length: > 0 } source })
        {
            return (contract, null, null);
        }

        return (contract, feed, Resolve(feed.SourceKind, source));
    }

    public async Task<IReadOnlyList<string>> FeedIdsAsync(CancellationToken ct)
    {
        var contract = await contracts.GetCurrentAsync(ct);
        return contract.FeedsOfKind(FeedKind.Gbfs).Where(f => f.SourceKind != FeedSourceKind.Push).Select(f => f.Id).ToList();
    }

    private Uri? Resolve(FeedSourceKind kind, string source)
    {
        if (kind == FeedSourceKind.Url || Uri.TryCreate(source, UriKind.Absolute, out var absolute) && !absolute.IsFile)
        {
            return Uri.TryCreate(source, UriKind.Absolute, out var url) ? url : null;
        }

        var root = options.Value.FileSourceRoot
            ?? Path.GetDirectoryName(Path.GetFullPath(contractOptions.Value.Path))
            ?? Directory.GetCurrentDirectory();
        return new Uri(Path.GetFullPath(Path.Combine(root, source)));
    }
}
