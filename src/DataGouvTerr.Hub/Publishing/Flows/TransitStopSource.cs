using DataGouvTerr.Domain.Aggregation;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.Hub.Contracts;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>The transit stops first/last-mile products are built around.</summary>
public interface ITransitStopSource
{
    Task<IReadOnlyList<TransitStop>> GetStopsAsync(MobilityContract contract, CancellationToken cancellationToken);
}

/// <summary>
/// Stops (location_type 0 or empty) of the contract's GTFS feeds that are files, read with GtfsKit and cached per
/// contract version. Until GTFS ingestion stores versions, the file named by the contract is the source of truth;
/// a missing or unreadable file yields no stops (the first/last-mile product is then empty, not an error).
/// </summary>
public sealed class GtfsFileStopSource(IOptions<ContractOptions> contractOptions, ILogger<GtfsFileStopSource> logger) : ITransitStopSource
{
    private readonly Dictionary<string, IReadOnlyList<TransitStop>> _cache = [];
    private readonly Lock _lock = new();

    public Task<IReadOnlyList<TransitStop>> GetStopsAsync(MobilityContract contract, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_cache.TryGetValue(contract.Version, out var stops))
            {
                stops = Load(contract);
                _cache[contract.Version] = stops;
            }
            return Task.FromResult(stops);
        }
    }

    private List<TransitStop> Load(MobilityContract contract)
    {
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(contractOptions.Value.Path)) ?? ".";
        var stops = new List<TransitStop>();
        foreach (var feed in contract.FeedsOfKind(FeedKind.Gtfs).Where(f => f.SourceKind == FeedSourceKind.File && f.Source is not null))
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, feed.Source!));
            if (!File.Exists(path))
            {
                logger.LogWarning("GTFS feed {FeedId}: file {Path} not found; no stops for first/last-mile products.", feed.Id, path);
                continue;
            }
            try
            {
                var gtfs = GtfsFeed.Read(path);
                stops.AddRange(gtfs.Stops
                    .Where(s => s.LocationType is null or 0 && s.StopLat is not null && s.StopLon is not null)
                    .Select(s => new TransitStop(s.StopId, s.StopName, s.StopLon!.Value, s.StopLat!.Value)));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                logger.LogWarning(ex, "GTFS feed {FeedId}: {Path} could not be read; no stops from it.", feed.Id, path);
            }
        }
        return stops;
    }
}
