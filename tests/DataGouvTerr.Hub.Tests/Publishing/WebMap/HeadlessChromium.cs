using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DataGouvTerr.Hub.Tests.Publishing.WebMap;

/// <summary>
/// Debian's Chromium driven by its chromedriver (<c>apt-get install -y chromium chromium-driver</c>), headless, with
/// no network of its own (no sync, updates, QUIC or background requests) and a fresh profile. Its console and
/// network (performance) logs are kept so tests can check for console errors and for every URL the page asked.
/// A missing Chromium fails the test with the install command: browser tests never skip.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string Binary = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private readonly string _profile = Directory.CreateTempSubdirectory("dgt-chromium-").FullName;

    public ChromeDriver Browser { get; }

    public HeadlessChromium()
    {
        if (!File.Exists(Binary) || !File.Exists(Driver))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium ({Binary}) and its driver ({Driver}): apt-get install -y chromium chromium-driver (./test.sh does when run as root).");
        }
        var options = new ChromeOptions { BinaryLocation = Binary };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1280,900", "--user-data-dir=" + _profile);
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        options.SetLoggingPreference("performance", LogLevel.All);
        // The driver path is given, so Selenium Manager never looks for (or downloads) a driver.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        Browser.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
    }

    /// <summary>Console messages at error level since the last call (CSP violations, script errors, failed loads).</summary>
    public List<string> TakeConsoleErrors() =>
        Browser.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message).ToList();

    /// <summary>The DevTools network events since the last call, as raw JSON messages.</summary>
    public List<string> TakeNetworkEvents() =>
        Browser.Manage().Logs.GetLog("performance").Select(e => e.Message).ToList();

    public void Dispose()
    {
        Browser.Quit();
        Browser.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the temp folder is cleaned by the OS.
        }
    }
}
