namespace DataGouvTerr.Hub.Tests.Publishing.WebMap;

/// <summary>One loaded hub and one Chromium for the browser tests of a class: both are slow to start on a shared machine.</summary>
public sealed class WebMapBrowserFixture : IAsyncLifetime
{
    public WebMapHub Hub { get; private set; } = null!;
    public HeadlessChromium Chromium { get; private set; } = null!;
    public string MetropoleToken { get; private set; } = null!;
    public string AssociationToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Chromium first: when it is missing, fail at once with the install command, before loading data.
        Chromium = new HeadlessChromium();
        Hub = await WebMapHub.StartLoadedAsync();
        MetropoleToken = await Hub.CreateTokenAsync("metropole-rouen");
        AssociationToken = await Hub.CreateTokenAsync("asso-velo");
    }

    public async Task DisposeAsync()
    {
        Chromium?.Dispose();
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
    }
}
