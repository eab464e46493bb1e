using System.Net;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataGouvTerr.Hub.Tests.Operations;

/// <summary>
/// Issue 11, headers: nosniff on every response, no-store on member data, a CSP on HTML pages, no Server header (through
/// Kestrel, which would add it), HSTS only when configured and only over HTTPS.
/// </summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Every_response_carries_the_security_headers_it_needs(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider, kestrel: true);
        using var anonymous = hub.CreateClient();
        using var member = await hub.ClientForAsync("metropole-rouen");

        foreach (var (client, path) in new[] { (anonymous, "/health"), (anonymous, "/"), (anonymous, "/no-such-page"), (anonymous, "/contract"),
            (member, "/contract"), (member, "/products"), (member, "/gbfs/feeds/gbfs-velos"), (anonymous, "/map"), (anonymous, "/openapi/v1.json"),
            (member, "/gtfs/feeds/no-such-feed/versions/1/report.html") })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{path}: no nosniff");
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server header sent");
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path}: HSTS over plain http");
            if (client == member)
            {
                Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: member data without Cache-Control: no-store");
            }
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                // The page's own policy (landing page, web map) or the hub's default for HTML: never framed, scripts
                // (if any) only from the hub, nothing from anywhere.
                var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
                Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
                Assert.True(csp.Contains("default-src 'none'", StringComparison.Ordinal) || csp.Contains("script-src 'self'", StringComparison.Ordinal), csp);
                Assert.DoesNotContain("*", csp, StringComparison.Ordinal);
            }
        }
        using var landing = await anonymous.GetAsync("/");
        Assert.Equal("text/html", landing.Content.Headers.ContentType?.MediaType);
        Assert.True(landing.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_when_configured_and_never_over_http()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite, new Dictionary<string, string?> { ["SecurityHeaders:Hsts"] = "true" });
        using var https = hub.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var http = hub.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        using var secure = await https.GetAsync("/health");
        using var plain = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
