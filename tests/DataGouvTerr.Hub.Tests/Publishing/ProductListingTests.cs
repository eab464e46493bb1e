using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing;

/// <summary>
/// <c>GET /products</c> names every product a member holds a right to in the contract in force, each with the
/// formats to read it, whatever the kind of product (the stop maps and feed reports used to be missing, and the
/// transit operator, which holds only those two rights, got an empty list).
/// </summary>
public sealed class ProductListingTests
{
    [Fact]
    public async Task Every_member_sees_every_product_of_its_rights_with_formats_that_answer()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var contract = await hub.Services.GetRequiredService<IContractProvider>().GetCurrentAsync(CancellationToken.None);

        // The administrator reads everything by its role, not by rights of its own.
        foreach (var member in contract.Members.Where(m => m.Kind != MemberKind.Admin))
        {
            var client = await hub.ClientForAsync(member.Id);
            var listing = await client.GetFromJsonAsync<JsonElement>("/products");
            var listed = listing.GetProperty("products").EnumerateArray().ToList();

            var expected = contract.RightsOf(member.Id).Select(r => r.Product).Distinct().Order().ToList();
            Assert.Equal(expected, listed.Select(p => p.GetProperty("product").GetString()!).Order().ToList());
            foreach (var product in listed)
            {
                var formats = product.GetProperty("formats").EnumerateArray().Select(f => f.GetString()!).ToList();
                Assert.NotEmpty(formats);
                // A format without a template placeholder is a path the member may call.
                foreach (var format in formats.Where(f => !f.Contains('{', StringComparison.Ordinal)))
                {
                    var response = await client.GetAsync(format);
                    Assert.True((int)response.StatusCode is not (401 or 403),
                        $"{member.Id}: {format} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }

    [Fact]
    public async Task The_transit_operator_lists_its_stop_maps_and_feed_reports()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var client = await hub.ClientForAsync("reseau-astuce-exemple");

        var listing = await client.GetFromJsonAsync<JsonElement>("/products");
        var products = listing.GetProperty("products").EnumerateArray().ToDictionary(p => p.GetProperty("product").GetString()!);

        Assert.Contains("/stop-maps/stops.csv", products["stop-maps"].GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("/gtfs/feeds/gtfs-reseau/versions", products["feed-reports"].GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }
}
