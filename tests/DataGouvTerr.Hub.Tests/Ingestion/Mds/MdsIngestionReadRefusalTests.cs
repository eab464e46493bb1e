using System.Net;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>A member that pushes no MDS asks to read the ingestion view: the refusal speaks of reading, not of pushing.</summary>
public sealed class MdsIngestionReadRefusalTests
{
    [Fact]
    public async Task A_non_operator_reading_the_ingestion_view_is_refused_for_a_read()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var operatorClient = await hub.ClientForAsync("scoot-normandie");

        var refused = await metropole.GetAsync("/mds/ingestion");
        var allowed = await operatorClient.GetAsync("/mds/ingestion");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var text = problem.RootElement.GetRawText();
        Assert.Equal("Read refused", problem.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain("push", problem.RootElement.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("may read", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
