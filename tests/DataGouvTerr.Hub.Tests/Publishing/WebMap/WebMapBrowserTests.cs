using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataGouvTerr.Hub.Audit;
using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace DataGouvTerr.Hub.Tests.Publishing.WebMap;

/// <summary>
/// The web map in a real browser (headless Chromium) against the hub on a real port with the sample data: what a
/// member sees, what a member without the right reads instead, and that the token stays out of every URL.
/// Filter with <c>--filter Category=Browser</c>.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class WebMapBrowserTests(WebMapBrowserFixture fixture) : IClassFixture<WebMapBrowserFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private WebMapHub Hub => fixture.Hub;
    private HeadlessChromium Chromium => fixture.Chromium;
    private IWebDriver Browser => fixture.Chromium.Browser;

    [Fact]
    public async Task The_page_loads_without_console_errors_under_a_strict_policy()
    {
        using var http = new HttpClient { BaseAddress = Hub.BaseAddress };
        using var page = await http.GetAsync("/map");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        using var leaflet = await http.GetAsync("/lib/leaflet/leaflet.js");
        Assert.Equal(HttpStatusCode.OK, leaflet.StatusCode);
        Assert.Contains("script-src 'self'", leaflet.Headers.GetValues("Content-Security-Policy").Single());

        OpenFreshPage();

        Assert.Equal("object", Script("return typeof L;"));
        Assert.Equal("1.9.4", Script("return L.version;"));
        // Every input and select is labelled, so screen readers and keyboard users know what each one is.
        Assert.Equal(0L, Script("return [...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0).length;"));
        Assert.Empty(Chromium.TakeConsoleErrors());
    }

    [Fact]
    public void A_metropole_token_shows_od_lines_and_zones_with_k_in_the_legend()
    {
        OpenFreshPage();
        // Keyboard only: type the token and press Enter.
        Browser.FindElement(By.Id("token")).SendKeys(fixture.MetropoleToken + Keys.Enter);
        WaitForLoad();

        var od = Browser.FindElement(By.CssSelector("#legend-items section[data-layer='od-flows']"));
        Assert.Equal("10", od.FindElement(By.CssSelector("dd[data-meta='min_count']")).Text);
        Assert.Equal("grid-500m", od.FindElement(By.CssSelector("dd[data-meta='resolution']")).Text);
        Assert.Equal("own_perimeter", od.FindElement(By.CssSelector("dd[data-meta='scope']")).Text);
        Assert.Equal("P1D", od.FindElement(By.CssSelector("dd[data-meta='delay']")).Text);
        Assert.Equal("PT1H", od.FindElement(By.CssSelector("dd[data-meta='time_bin']")).Text);
        Assert.NotEmpty(Browser.FindElements(By.CssSelector("#legend-items section[data-layer='od-zones'] dd[data-meta='min_count']")));

        // A bin is chosen at once (the busiest); then the built day's 08:00 bin, picked from the selector: its flows and zones are drawn.
        var select = Browser.FindElement(By.Id("time-bin"));
        Assert.NotEqual("*", select.GetDomProperty("value"));
        Assert.True(select.FindElements(By.TagName("option")).Count > 2, "one option per published bin plus 'all'");
        // Bins are in the territory's legal time (Europe/Paris) with their offset: 08:00Z is 09:00+01:00 in winter.
        var morning = TimeZoneInfo.ConvertTime(Hub.BuiltDay.AddHours(8), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var value = morning.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        select.FindElement(By.CssSelector($"option[value='{value}']")).Click();
        var offset = morning.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith($"{morning:HH:mm}–{morning.AddHours(1):HH:mm} ({offset})", select.FindElement(By.CssSelector("option:checked")).Text);
        Assert.NotEmpty(Browser.FindElements(By.CssSelector("path.od-line")));
        Assert.NotEmpty(Browser.FindElements(By.CssSelector("path.zone-cell")));
        // Stops and stations from the sample feeds: the métropole has the stop-maps right, and stations are open data.
        Assert.NotEmpty(Browser.FindElements(By.CssSelector("path.stop-point")));
        Assert.NotEmpty(Browser.FindElements(By.CssSelector("path.station-point")));

        // The small pair (3 trips Rouen → Canteleu) is under the release threshold: not listed, so not drawn at all; a drawn
        // pair's popup shows its noisy count, never a number under the threshold.
        Assert.Empty(Browser.FindElements(By.CssSelector("path.od-suppressed")));
        OpenPopup(Browser.FindElements(By.CssSelector("path.od-line"))[0]);
        var trips = WaitFor(() => Browser.FindElements(By.CssSelector(".leaflet-popup .feature-popup dd[data-prop='trips']")).FirstOrDefault());
        // textContent: the popup fades in, and Selenium's Text is empty while it is still transparent.
        Assert.True(int.Parse(trips.GetDomProperty("textContent")!.Replace("\u202f", "").Replace(" ", "").Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) >= 28);

        // Choosing another bin by keyboard redraws the layers.
        var linesBefore = Browser.FindElements(By.CssSelector("path.od-line")).Count;
        select.SendKeys(Keys.Home);
        Assert.Equal("*", select.GetDomProperty("value"));
        Assert.True(Browser.FindElements(By.CssSelector("path.od-line")).Count > linesBefore, "all bins overlaid draw more lines than one bin");
        Assert.Empty(Browser.FindElements(By.CssSelector("#problems .problem")));
        Assert.Empty(Chromium.TakeConsoleErrors());
    }

    [Fact]
    public async Task An_association_token_gets_no_od_layer_and_reads_the_refusal()
    {
        using var api = ApiClient(fixture.AssociationToken);
        using var refused = await api.GetAsync("/products/od-flows.geojson");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var reason = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

        OpenFreshPage();
        Browser.FindElement(By.Id("token")).SendKeys(fixture.AssociationToken);
        Browser.FindElement(By.Id("token-submit")).Click();
        WaitForLoad();

        Assert.Empty(Browser.FindElements(By.CssSelector("#legend-items section[data-layer='od-flows']")));
        Assert.Empty(Browser.FindElements(By.CssSelector("path.od-line")));
        var problems = Browser.FindElement(By.Id("problems"));
        Assert.Contains("Origin–destination flows: Access denied by the mobility contract (HTTP 403)", problems.Text);
        Assert.Contains(reason, problems.Text);
        Assert.Contains("no-right", problems.Text);
        Assert.Equal("alert", problems.GetDomAttribute("role"));
        // What it may read is still stated: the indicators, with their own k, listed without a map format.
        Assert.Equal("20", Browser.FindElement(By.CssSelector("#legend-items section[data-layer='indicators'] dd[data-meta='min_count']")).GetDomProperty("textContent"));
        // Context is still drawn: the territory and the zones, without any product.
        Assert.NotEmpty(Browser.FindElements(By.CssSelector("path.ctx-territory")));
        // The 403 answers are the page's requests, not errors of the page: only they may appear in the console.
        Assert.All(Chromium.TakeConsoleErrors(), e => Assert.Contains("403", e));
    }

    [Fact]
    public async Task A_wrong_token_shows_the_401_reason_and_is_forgotten()
    {
        const string wrong = "dgt_0000_not-a-real-secret";
        using var api = ApiClient(wrong);
        using var refused = await api.GetAsync("/products");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var reason = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

        OpenFreshPage();
        Browser.FindElement(By.Id("token")).SendKeys(wrong + Keys.Enter);
        var problem = WaitFor(() => Browser.FindElements(By.CssSelector("#problems .problem[data-status='401']")).FirstOrDefault());

        Assert.Contains("Unauthorized (HTTP 401)", problem.Text);
        Assert.Contains(reason, problem.Text);
        Assert.Equal("Token refused.", Browser.FindElement(By.Id("status")).Text);
        Assert.Null(Script("return sessionStorage.getItem('dgt-map-token');"));
        Assert.Empty(Browser.FindElements(By.CssSelector("#legend-items section")));
        Assert.All(Chromium.TakeConsoleErrors(), e => Assert.Contains("401", e));
    }

    [Fact]
    public async Task The_token_never_appears_in_a_requested_url()
    {
        OpenFreshPage();
        Browser.FindElement(By.Id("token")).SendKeys(fixture.MetropoleToken + Keys.Enter);
        WaitForLoad();
        // Reloading reads the token back from sessionStorage, a second way it could leak.
        Browser.Navigate().Refresh();
        WaitForLoad();

        var requests = Chromium.TakeNetworkEvents()
            .Select(m => JsonDocument.Parse(m).RootElement.GetProperty("message"))
            .Where(m => m.GetProperty("method").GetString() == "Network.requestWillBeSent")
            .Select(m => m.GetProperty("params").GetProperty("request"))
            .ToList();
        var urls = requests.Select(r => r.GetProperty("url").GetString()!).ToList();
        Assert.Contains(urls, u => u.EndsWith("/products", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("/products/od-flows.geojson", StringComparison.Ordinal));
        var secret = fixture.MetropoleToken;
        var escaped = Uri.EscapeDataString(secret);
        Assert.All(urls, u => Assert.DoesNotContain(secret, u));
        Assert.All(urls, u => Assert.DoesNotContain(escaped, u));
        Assert.DoesNotContain(secret, Browser.Url);
        // The token did travel, as a header: the check above is not vacuous.
        var sentAsHeader = requests.Count(r => r.GetProperty("headers").TryGetProperty("Authorization", out var a) && a.GetString() == "Bearer " + secret);
        Assert.True(sentAsHeader >= 4, $"expected the API calls to carry the token as a header, saw {sentAsHeader}");
        Assert.Null(Script("return localStorage.getItem('dgt-map-token');"));

        // The hub's audit log says the same: member requests arrived, none with the token in their parameters.
        var audited = await Hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.MemberId == "metropole-rouen").ToListAsync());
        Assert.Contains(audited, e => e.Endpoint == "GET /products/od-flows.geojson");
        Assert.All(audited, e => Assert.DoesNotContain(secret, (e.Parameters ?? "") + e.Endpoint));
        Assert.Empty(Chromium.TakeConsoleErrors());
    }

    /// <summary>A fresh start: the page with no token kept, and the browser's logs emptied.</summary>
    private void OpenFreshPage()
    {
        // Forget the previous test's token on a page of the same origin that runs no script, so the map does not
        // start loading with it; then drop what the logs hold so far.
        Browser.Navigate().GoToUrl(new Uri(Hub.BaseAddress, "/map/config.json"));
        Script("sessionStorage.clear();");
        Chromium.TakeConsoleErrors();
        Chromium.TakeNetworkEvents();
        Browser.Navigate().GoToUrl(new Uri(Hub.BaseAddress, "/map"));
        WaitFor(() => Browser.FindElements(By.CssSelector("#map.leaflet-container")).FirstOrDefault());
    }

    /// <summary>Waits until the page says how many layers it shows (the last step of a load).</summary>
    private void WaitForLoad() =>
        WaitFor(() => Browser.FindElement(By.Id("status")).Text.Contains("layer(s) shown", StringComparison.Ordinal) ? true : (bool?)null);

    private T WaitFor<T>(Func<T?> probe) where T : class =>
        new WebDriverWait(Browser, Wait).Until(_ => probe());

    private bool WaitFor(Func<bool?> probe) =>
        new WebDriverWait(Browser, Wait).Until(_ => probe() ?? false);

    /// <summary>By keyboard: focus the feature (each one is a tab stop) and press Enter.</summary>
    private void OpenPopup(IWebElement path)
    {
        ((IJavaScriptExecutor)Browser).ExecuteScript("arguments[0].focus();", path);
        Assert.Equal(path, Browser.SwitchTo().ActiveElement());
        new Actions(Browser).SendKeys(Keys.Enter).Perform();
    }

    private object? Script(string script) => ((IJavaScriptExecutor)Browser).ExecuteScript(script);

    private HttpClient ApiClient(string token)
    {
        var client = new HttpClient { BaseAddress = Hub.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
