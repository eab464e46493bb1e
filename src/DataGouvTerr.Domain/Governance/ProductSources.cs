using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Domain.Governance;

/// <summary>
/// Which kinds of feed each product is built from, so that a read of a product can name the feeds (and so the
/// providers) whose data it used, and a wider right can name the providers whose consent it needs.
/// </summary>
public static class ProductSources
{
    private static readonly IReadOnlyDictionary<string, FeedKind[]> KindsByProduct = new Dictionary<string, FeedKind[]>(StringComparer.Ordinal)
    {
        [Products.OdFlows] = [FeedKind.Mds],
        [Products.FirstLastMile] = [FeedKind.Mds, FeedKind.Gtfs],
        [Products.Availability] = [FeedKind.Mds, FeedKind.Gbfs],
        [Products.Indicators] = [FeedKind.Mds, FeedKind.Gtfs],
        [Products.StopMaps] = [FeedKind.Gtfs],
        // Feed reports describe a provider's own feeds to that provider: no other provider's data goes into them.
        [Products.FeedReports] = [],
    };

    public static IReadOnlyList<FeedKind> FeedKindsOf(string product) => KindsByProduct.GetValueOrDefault(product, []);

    /// <summary>The contract's feeds a product is built from.</summary>
    public static IReadOnlyList<FeedDeclaration> FeedsOf(MobilityContract contract, string product) =>
        contract.Feeds.Where(f => FeedKindsOf(product).Contains(f.Kind)).ToList();

    /// <summary>The members whose data a product is built from.</summary>
    public static IReadOnlyList<string> ProvidersOf(MobilityContract contract, string product) =>
        FeedsOf(contract, product).Select(f => f.ProvidedBy).Distinct(StringComparer.Ordinal).ToList();
}
