using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataGouvTerr.Hub.Tests.Obligations;

/// <summary>
/// The obligations job over real readings: a probe (below) judges data-freshness obligations from rows the test
/// writes into a table of the hub's own database, as an ingestion feature's probe reads its own tables. Each test
/// writes sanctions, so each owns its hub.
/// </summary>
public sealed class ObligationEvaluationTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_long_breach_brings_warning_and_suspension_once_and_compliance_lifts_them(string provider)
    {
        await using var hub = await StartAsync(provider);
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow().AddDays(-31), "events arrive 3 h late");

        var first = await RunJobAsync(hub);
        var second = await RunJobAsync(hub);

        Assert.Equal((2, 0), (first.Added, first.Lifted));
        Assert.Equal((0, 0), (second.Added, second.Lifted)); // running twice changes nothing
        var sanctions = await hub.WithDbAsync(db => db.Set<SanctionRecord>().AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([("warning", ""), ("suspend_rights", "availability")], sanctions.Select(s => (s.Action, s.Products)));
        Assert.All(sanctions, s => Assert.Equal(("scoot-normandie", "scoot-freshness", null), (s.MemberId, s.ObligationId, s.LiftedAt)));
        // Dated breach start + the step's delay (to the millisecond: PostgreSQL keeps microseconds, not ticks).
        Assert.InRange((sanctions[1].Since - hub.Clock.GetUtcNow().AddDays(-1)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

        var denied = await FilterAsync(hub, "scoot-normandie", Products.Availability);
        var problem = Assert.IsType<ProblemHttpResult>(denied);
        Assert.Equal(403, problem.StatusCode);
        Assert.Contains("suspended", problem.ProblemDetails.Detail);
        Assert.Contains("obligation 'scoot-freshness'", problem.ProblemDetails.Detail);
        Assert.Contains("events arrive 3 h late", problem.ProblemDetails.Detail);

        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM probe_readings"));
        hub.Clock.Advance(TimeSpan.FromMinutes(15));
        var lifted = await RunJobAsync(hub);

        Assert.Equal((0, 2), (lifted.Added, lifted.Lifted));
        Assert.IsType<Ok>(await FilterAsync(hub, "scoot-normandie", Products.Availability));
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<SanctionRecord>().CountAsync(s => s.LiftedAt == null)));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Sanctions_are_graduated_a_warning_first_then_the_suspension_when_the_breach_lasts(string provider)
    {
        await using var hub = await StartAsync(provider);
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow().AddDays(-8), "no event for 8 days");

        var early = await RunJobAsync(hub);
        var standingEarly = await StandingAsync(hub, "scoot-normandie");
        hub.Clock.Advance(TimeSpan.FromDays(23));
        var later = await RunJobAsync(hub);

        Assert.Equal(1, early.Added);
        Assert.Empty(standingEarly.SuspendedProducts); // a warning suspends nothing
        Assert.Equal((1, 0), (later.Added, later.Lifted)); // the suspension joins the warning, which stays
        Assert.Contains(Products.Availability, (await StandingAsync(hub, "scoot-normandie")).SuspendedProducts.Keys);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Members_read_their_obligations_and_sanctions_and_the_administrator_reads_all(string provider)
    {
        await using var hub = await StartAsync(provider);
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow().AddDays(-10), "lag 90 min");
        await RunJobAsync(hub);

        var scoot = await (await hub.ClientForAsync("scoot-normandie")).GetFromJsonAsync<JsonElement>("/obligations");
        var reseau = await (await hub.ClientForAsync("reseau-astuce-exemple")).GetFromJsonAsync<JsonElement>("/obligations");
        var admin = await (await hub.ClientForAsync("tiers-de-confiance")).GetFromJsonAsync<JsonElement>("/obligations");
        var nosy = await (await hub.ClientForAsync("reseau-astuce-exemple")).GetAsync("/obligations?member=scoot-normandie");

        var states = scoot.GetProperty("obligations").EnumerateArray()
            .ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["scoot-freshness"] = "breached", ["scoot-coverage"] = "not_evaluated" }, states);
        var warning = Assert.Single(scoot.GetProperty("sanctions").EnumerateArray());
        Assert.Equal(("warning", true), (warning.GetProperty("action").GetString(), warning.GetProperty("active").GetBoolean()));
        // A probe that crashes is reported as such; the other obligations were still judged.
        Assert.Contains(reseau.GetProperty("obligations").EnumerateArray(),
            o => o.GetProperty("id").GetString() == "reseau-gtfs-valid" && o.GetProperty("state").GetString() == "probe_failed");
        Assert.Empty(reseau.GetProperty("sanctions").EnumerateArray());
        Assert.Equal(5, admin.GetProperty("obligations").GetArrayLength());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, nosy.StatusCode);
    }

    private static async Task<HubFactory> StartAsync(string provider)
    {
        var hub = await HubFactory.StartAsync(provider, services: s =>
        {
            // Only the probes of this test judge: the features' real probes would judge the other obligations too.
            s.RemoveAll<IObligationProbe>();
            s.AddScoped<IObligationProbe, ReadingsTableProbe>();
            s.AddScoped<IObligationProbe, CrashingGtfsProbe>();
        });
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE probe_readings (obligation_id text PRIMARY KEY, breached_since text NOT NULL, detail text NOT NULL)"));
        return hub;
    }

    private static Task<int> WriteBreachAsync(HubFactory hub, string obligationId, DateTimeOffset since, string detail) =>
        hub.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO probe_readings (obligation_id, breached_since, detail) VALUES ({obligationId}, {since.ToString("O")}, {detail})"));

    private static async Task<ObligationRunSummary> RunJobAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<ObligationEvaluationJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<Domain.Access.MemberStanding> StandingAsync(HubFactory hub, string member) =>
        await hub.Services.GetRequiredService<IMemberStandingProvider>().GetAsync(member, CancellationToken.None);

    /// <summary>Runs the access filter every data endpoint sits behind, as the pipeline would, for a member and product.</summary>
    private static async Task<object?> FilterAsync(HubFactory hub, string memberId, string product)
    {
        await using var scope = hub.Scope();
        var services = scope.ServiceProvider;
        var filter = new ProductAccessFilter(product, AccessRequestBinder.Bind, services.GetRequiredService<IContractProvider>(),
            services.GetRequiredService<IMemberStandingProvider>(), services.GetRequiredService<TimeProvider>());
        var http = new DefaultHttpContext
        {
            RequestServices = services,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(HubClaims.MemberIdType, memberId)], HubClaims.Scheme)),
        };
        return await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>(TypedResults.Ok()));
    }

    /// <summary>Judges data freshness from <c>probe_readings</c>: a row means "breached since, because"; no row means met.</summary>
    private sealed class ReadingsTableProbe(HubDbContext db) : IObligationProbe
    {
        public ObligationKind Kind => ObligationKind.DataFreshness;

        public async Task<ProbeResult> CheckAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var reading = await db.Database.SqlQuery<ProbeReading>(
                    $"SELECT breached_since AS \"BreachedSince\", detail AS \"Detail\" FROM probe_readings WHERE obligation_id = {obligation.Id}")
                .ToListAsync(cancellationToken);
            return reading.Count == 0
                ? ProbeResult.Met("fresh")
                : ProbeResult.Breached(DateTimeOffset.Parse(reading[0].BreachedSince, System.Globalization.CultureInfo.InvariantCulture), reading[0].Detail);
        }
    }

    private sealed class CrashingGtfsProbe : IObligationProbe
    {
        public ObligationKind Kind => ObligationKind.GtfsValid;

        public Task<ProbeResult> CheckAsync(Obligation obligation, MobilityContract contract, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("validator unavailable");
    }

    public sealed class ProbeReading
    {
        public string BreachedSince { get; set; } = "";
        public string Detail { get; set; } = "";
    }
}
