using System.Net;
using System.Text;
using System.Text.Json;
using DataGouvTerr.Hub.Ingestion.Mds.Agency.Reports;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static DataGouvTerr.Hub.Tests.Ingestion.Mds.MdsPayloads;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>Agency <c>POST /reports</c> (models/report.yaml, CSV) over real HTTP on both stores.</summary>
public sealed class MdsReportsTests
{
    private const string Operator = "scoot-normandie";
    private const string Geography = "44428624-186b-4fc3-a7fb-124f487464a1";

    private static StringContent Csv(params string[] rows)
    {
        var content = new StringContent(string.Join("\r\n", [MdsReportsEndpoint.Header, .. rows]) + "\r\n", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_report_is_stored_once_per_key_and_a_resent_report_corrects_the_counts(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);

        var response = await client.PostAsync("/mds/agency/reports", Csv(
            $"{ProviderId},2026-10-01,P1M,all_riders,{Geography},scooter_standing,1302,983",
            $"{ProviderId},2026-10-01,P1M,low_income,{Geography},scooter_standing,15,-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/vnd.mds+json", response.Content.Headers.ContentType!.MediaType);
        var body = await JsonOf(response);
        Assert.Equal((2, 2, 0), (body.GetProperty("success").GetInt32(), body.GetProperty("total").GetInt32(), body.GetProperty("failures").GetArrayLength()));

        var corrected = await client.PostAsync("/mds/agency/reports", Csv($"{ProviderId},2026-10-01,P1M,all_riders,{Geography},scooter_standing,1310,990"));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);

        var rows = await hub.WithDbAsync(db => db.Set<MdsReportRecord>().AsNoTracking().OrderBy(r => r.SpecialGroupType).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal(("all_riders", 1310, 990, "mds-scoot"), (rows[0].SpecialGroupType, rows[0].TripCount, rows[0].RiderCount, rows[0].FeedId));
        Assert.Equal(("low_income", 15, -1), (rows[1].SpecialGroupType, rows[1].TripCount, rows[1].RiderCount));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Bad_rows_are_400_bad_param_the_good_ones_kept_and_the_bad_quarantined(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);

        var response = await client.PostAsync("/mds/agency/reports", Csv(
            $"{ProviderId},2026-10-01,P1M,all_riders,{Geography},scooter_standing,10,8",
            $"{ProviderId},01/10/2026,one month,all_riders,{Geography},hovercraft,-5,8",
            $"{ProviderId},2026-10-01,P1M"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal((1, 3), (body.GetProperty("success").GetInt32(), body.GetProperty("total").GetInt32()));
        var failures = body.GetProperty("failures").EnumerateArray().ToList();
        Assert.All(failures, f => Assert.Equal("bad_param", f.GetProperty("error").GetString()));
        Assert.Equal(["start_date", "duration", "vehicle_type", "trip_count"], failures[0].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal($"{ProviderId},01/10/2026,one month,all_riders,{Geography},hovercraft,-5,8", failures[0].GetProperty("item").GetString());
        Assert.Equal(["row"], failures[1].GetProperty("error_details").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(1, await hub.WithDbAsync(db => db.Set<MdsReportRecord>().CountAsync()));
        Assert.Equal(2, await hub.WithDbAsync(db => db.Set<MdsRejectedItem>().CountAsync(r => r.Endpoint == "reports")));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Wrong_header_type_version_or_provider_are_refused_whole(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync(Operator);
        var row = $"{ProviderId},2026-10-01,P1M,all_riders,{Geography},scooter_standing,10,8";

        var noHeader = new StringContent(row, Encoding.UTF8);
        noHeader.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var header = await client.PostAsync("/mds/agency/reports", noHeader);
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Equal("Bad report header", (await JsonOf(header)).GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/mds/agency/reports", Body(Vehicle(NewId())))).StatusCode);

        using var oldVersion = new HttpRequestMessage(HttpMethod.Post, "/mds/agency/reports") { Content = Csv(row) };
        oldVersion.Headers.TryAddWithoutValidation("Accept", "application/vnd.mds+json;version=1.2");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.SendAsync(oldVersion)).StatusCode);

        var foreign = await client.PostAsync("/mds/agency/reports", Csv(row, row.Replace(ProviderId, "11111111-2222-4333-8444-555555555555", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("provider_id", (await JsonOf(foreign)).GetProperty("field").GetString());

        var planner = await hub.ClientForAsync("agence-urbanisme");
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync("/mds/agency/reports", Csv(row))).StatusCode);
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<MdsReportRecord>().CountAsync()));
    }
}
