using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gbfs;

/// <summary>
/// A hub whose contract's GBFS feed <c>gbfs-velos</c> is pulled from a <see cref="GbfsTestServer"/> URL instead of
/// the sample file, and helpers to poll it and read what the store holds.
/// </summary>
internal static class GbfsHub
{
    public const string FeedId = "gbfs-velos";

    public static Task<HubFactory> StartAsync(string provider, Uri? discoveryUrl) =>
        HubFactory.StartAsync(provider, services: services =>
        {
            if (discoveryUrl is null)
            {
                return;
            }

            services.RemoveAll<IContractProvider>();
            services.AddSingleton<StoreContractProvider>();
            services.AddSingleton<IContractProvider>(sp => new UrlFeedContractProvider(sp.GetRequiredService<StoreContractProvider>(), FeedId, discoveryUrl));
        });

    public static async Task<GbfsPollReport> PollAsync(this HubFactory hub, string feedId = FeedId)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<GbfsPoller>().PollAsync(feedId, CancellationToken.None);
    }

    public static Task<List<T>> AllAsync<T>(this HubFactory hub) where T : class =>
        hub.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Set<T>()));

    /// <summary>The stored contract, with one GBFS feed's source swapped for a URL.</summary>
    private sealed class UrlFeedContractProvider(IContractProvider inner, string feedId, Uri url) : IContractProvider
    {
        public async Task<MobilityContract> GetCurrentAsync(CancellationToken cancellationToken = default)
        {
            var contract = await inner.GetCurrentAsync(cancellationToken);
            return contract with
            {
                Feeds = contract.Feeds.Select(f => f.Id == feedId ? f with { SourceKind = FeedSourceKind.Url, Source = url.ToString() } : f).ToList(),
            };
        }
    }
}
