using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Access;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Tests.Operations;

public sealed class OperationsTests(HubPerProvider hubs) : IClassFixture<HubPerProvider>
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Health_reports_the_store_and_the_job_storage(string provider)
    {
        var hub = await hubs.GetAsync(provider);

        var response = await hub.CreateClient().GetAsync("/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(provider, health.GetProperty("checks").GetProperty("store").GetProperty("description").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
        Assert.Contains(provider == StoreProviders.Postgres ? "PostgreSql" : "SQLite",
            health.GetProperty("checks").GetProperty("jobs").GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_refuses_no_token_and_a_member_token()
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);
        var member = await hub.CreateTokenAsync("metropole-rouen");
        var browser = Browser(hub);

        var anonymous = await browser.GetAsync("/hangfire");
        var viaQuery = await browser.GetAsync($"/hangfire?access_token={member.PlainText}");
        var viaHeader = await TokenLifecycleTests.Bearer(hub, member.PlainText).GetAsync("/hangfire");
        var forgedCookie = await WithCookieAsync(browser, $"dgt_dashboard={member.PlainText}");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, viaQuery.StatusCode);
        Assert.Contains("not the contract's administrator", await TokenLifecycleTests.DetailAsync(viaQuery));
        Assert.False(viaQuery.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Forbidden, viaHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedCookie.StatusCode);
    }

    [Fact]
    public async Task The_administrator_opens_the_dashboard_once_by_query_then_by_a_strict_http_only_cookie()
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);
        var admin = await hub.CreateTokenAsync("tiers-de-confiance");
        var browser = Browser(hub);

        var first = await browser.GetAsync($"/hangfire?access_token={admin.PlainText}");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/hangfire", first.Headers.Location?.OriginalString); // the token leaves the address bar
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        // An opaque session id: neither the token nor any part of it (id or secret) is in the cookie.
        var session = cookie.Split(';')[0];
        Assert.DoesNotContain(admin.PlainText, session, StringComparison.Ordinal);
        Assert.All(admin.PlainText.Split('_').Skip(1), part => Assert.DoesNotContain(part, session, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(admin.Id.ToString("N"), session, StringComparison.OrdinalIgnoreCase);
        var dashboard = await WithCookieAsync(browser, session);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("DataGouvTerr jobs", await dashboard.Content.ReadAsStringAsync());
        // An altered session is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(browser, session[..^4] + (session.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"))).StatusCode);

        // A dashboard POST (here: trigger a recurring job) with the session cookie but without the dashboard's antiforgery
        // token — what a cross-site form would send — is refused and triggers nothing.
        var post = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "dgt:obligations")]),
        };
        post.Headers.Add("Cookie", session);
        var forged = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        // The cookie is re-checked on every request: revoking the token closes the dashboard.
        await using (var scope = hub.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DataGouvTerr.Hub.Access.TokenService>().RevokeAsync(admin.Id, CancellationToken.None);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(browser, cookie.Split(';')[0])).StatusCode);
    }

    [Fact]
    public async Task Logs_are_json_when_the_console_formatter_is_named_json()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite,
            new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "json" });

        var options = hub.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = hub.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, options.FormatterName);
        Assert.True(json.UseUtcTimestamp);
    }

    private static HttpClient Browser(HubFactory hub) =>
        hub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static Task<HttpResponseMessage> WithCookieAsync(HttpClient browser, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Cookie", cookie);
        return browser.SendAsync(request);
    }
}
