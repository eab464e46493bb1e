using System.Net;
using System.Net.Http.Headers;
using DataGouvTerr.Hub.Operations;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Operations;

/// <summary>
/// What a newcomer meets first: <c>/</c> answers a page (French, English on request) whose links all work; the
/// banner of each role names only what that role serves; a worker is 404 on every path but /health, token or not.
/// </summary>
public sealed class LandingPageTests
{
    [Fact]
    public async Task The_root_is_a_french_page_whose_links_all_answer()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var client = hub.CreateClient();

        var response = await client.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("bassin de mobilité", page, StringComparison.Ordinal);
        foreach (var link in new[] { "/map", "/docs", "/openapi/v1.json", "/health" })
        {
            Assert.Contains($"href=\"{link}\"", page, StringComparison.Ordinal);
            var target = await client.GetAsync(link);
            Assert.True(target.StatusCode == HttpStatusCode.OK, $"{link} answered {target.StatusCode}");
        }
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("fr;q=0.4, en;q=0.8", "en")]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.8", "fr")]
    [InlineData("de-DE", "fr")]
    [InlineData("", "fr")]
    public async Task English_is_served_when_the_client_prefers_it(string acceptLanguage, string expected)
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await hub.CreateClient().SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"{expected}\">", page, StringComparison.Ordinal);
        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public void The_banner_of_a_worker_names_only_health_and_the_api_names_what_it_serves()
    {
        var worker = string.Join("\n", StartupBanner.Lines("worker", "http://127.0.0.1:9000/", "postgres"));
        var api = string.Join("\n", StartupBanner.Lines("api", "http://127.0.0.1:9000", "postgres"));

        Assert.Contains("http://127.0.0.1:9000/health", worker, StringComparison.Ordinal);
        foreach (var path in new[] { "/docs", "/openapi", "/map", "/hangfire", "9000/\n" })
        {
            Assert.DoesNotContain(path, worker, StringComparison.Ordinal);
            Assert.Contains(path, api + "\n", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_worker_answers_404_to_every_path_but_health_with_or_without_a_token()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite,
            new Dictionary<string, string?> { ["Hub:Role"] = "worker" });
        var anonymous = hub.CreateClient();
        var admin = await hub.ClientForAsync("tiers-de-confiance");
        var forged = hub.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dgt_not-a-real-token");

        foreach (var client in new[] { anonymous, admin, forged })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            foreach (var path in new[] { "/", "/docs", "/openapi/v1.json", "/map", "/products", "/products/od-flows.csv", "/contract", "/audit", "/mds/ingestion", "/hangfire" })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {response.StatusCode} on a worker");
            }
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/mds/agency/events", new StringContent("{}"))).StatusCode);
        }
    }
}
