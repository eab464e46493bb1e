using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Publishing.Flows;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// The entries of <c>GET /products</c> for the products that are not built by the flow job: <c>stop-maps</c> and
/// <c>feed-reports</c>. Decided by <see cref="AccessPolicy"/> exactly as their endpoints decide, so the listing names
/// every product a member may read (a transit operator holding only these two rights used to get an empty list).
/// </summary>
internal static class StopProductListing
{
    private static readonly string[] ListedProducts = [Products.StopMaps, Products.FeedReports];

    public static IEnumerable<object> For(MobilityContract contract, MemberStanding standing, string memberId, DateTimeOffset now)
    {
        var member = contract.FindMember(memberId);
        foreach (var product in ListedProducts)
        {
            var decision = AccessPolicy.Decide(contract, standing, new AccessRequest(memberId, product), now);
            if (!decision.Allowed)
            {
                continue;
            }
            yield return new
            {
                product,
                min_count = decision.MinCount,
                resolution = decision.Resolution ?? Products.StopResolution,
                scope = FlowAggregationJob.ScopeText(decision.Right!.Scope),
                delay = FlowProductMetadata.Duration(decision.Right.Delay),
                formats = product == Products.StopMaps
                    ? StopMapFormats(contract)
                    : FeedReportFormats(contract, memberId, member?.Kind == MemberKind.Admin),
            };
        }
    }

    private static string[] StopMapFormats(MobilityContract contract) =>
    [
        "/stop-maps/stops", "/stop-maps/stops.geojson", "/stop-maps/stops.csv", "/tiles/stops/{z}/{x}/{y}.mvt",
        .. Downloads.DownloadFormat.Variants("/stop-maps/stops.csv", Downloads.DownloadFormat.Table),
        .. Downloads.DownloadFormat.Variants("/stop-maps/stops.geojson", Downloads.DownloadFormat.Spatial),
        // Readers of the maps may judge the quality of the feeds they are built from.
        .. contract.FeedsOfKind(FeedKind.Gtfs).Select(f => $"/gtfs/feeds/{Uri.EscapeDataString(f.Id)}/versions"),
    ];

    /// <summary>The reports of the feeds the member provides (every feed for the administrator).</summary>
    private static string[] FeedReportFormats(MobilityContract contract, string memberId, bool isAdmin) =>
        contract.Feeds.Where(f => isAdmin || f.ProvidedBy == memberId)
            .SelectMany(f => f.Kind switch
            {
                FeedKind.Gtfs => new[] { $"/gtfs/feeds/{Uri.EscapeDataString(f.Id)}/versions" },
                FeedKind.Gbfs => [$"/gbfs/feeds/{Uri.EscapeDataString(f.Id)}", $"/gbfs/feeds/{Uri.EscapeDataString(f.Id)}/notices"],
                _ => ["/mds/ingestion"],
            })
            .Distinct().ToArray();
}
