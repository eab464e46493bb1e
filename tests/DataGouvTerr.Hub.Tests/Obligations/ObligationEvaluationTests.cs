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
    /// <summary>Past the sample contract's 2-day grace period of the scooter obligations (the hub applied the contract at start).</summary>
    private static readonly TimeSpan PastGrace = TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5);

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_stale_feed_climbs_notice_then_warning_then_suspension_from_the_first_observed_breach_and_recovery_lifts_it(string provider)
    {
        await using var hub = await StartAsync(provider);
        // The probe dates the breach 60 days back, before the contract even existed: only the judged time may count.
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow().AddDays(-60), "events arrive 3 h late");

        var inGrace = await RunJobAsync(hub);
        hub.Clock.Advance(PastGrace);
        var observed = await RunJobAsync(hub);
        var again = await RunJobAsync(hub);
        var afterObservation = await ActionsAsync(hub);
        var status = await hub.WithDbAsync(db => db.Set<ObligationStatusRecord>().AsNoTracking().SingleAsync(s => s.ObligationId == "scoot-freshness"));
        hub.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var beforeWarning = await RunJobAsync(hub);
        hub.Clock.Advance(TimeSpan.FromMinutes(2));
        var warning = await RunJobAsync(hub);
        var denied = await FilterAsync(hub, "scoot-normandie", Products.FeedReports);
        hub.Clock.Advance(TimeSpan.FromDays(23));
        var suspension = await RunJobAsync(hub);

        Assert.Equal((0, 0), (inGrace.Added, inGrace.Lifted)); // in force, but within its grace period: not judged
        Assert.Equal(1, observed.Added);
        Assert.Equal(["notice"], afterObservation); // the first observation gives a notice, never the last step
        Assert.Equal(0, again.Added); // running twice changes nothing
        // The breach counts from the end of the grace period, not from the probe's 60 days back.
        Assert.True(status.BreachedSince >= status.InForceSince!.Value + TimeSpan.FromDays(2), $"{status.BreachedSince} vs {status.InForceSince}");
        Assert.Equal(0, beforeWarning.Added);
        Assert.Equal(1, warning.Added);
        Assert.IsType<Ok>(denied); // a warning suspends nothing (feed-reports is not conditional on obligations)
        Assert.Equal(1, suspension.Added);
        Assert.Equal(["notice", "warning", "suspend_rights"], await ActionsAsync(hub));
        var problem = Assert.IsType<ProblemHttpResult>(await FilterAsync(hub, "scoot-normandie", Products.Availability));
        Assert.Equal(403, problem.StatusCode);
        Assert.Contains("obligation 'scoot-freshness'", problem.ProblemDetails.Detail);
        Assert.Contains("events arrive 3 h late", problem.ProblemDetails.Detail);
        var noticesToScoot = await (await hub.ClientForAsync("scoot-normandie")).GetFromJsonAsync<JsonElement>("/governance/notices");
        Assert.Equal(["sanction_suspend_rights", "sanction_warning", "sanction_notice"],
            noticesToScoot.EnumerateArray().Select(n => n.GetProperty("kind").GetString()).Where(k => k!.StartsWith("sanction_", StringComparison.Ordinal)));

        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM probe_readings"));
        hub.Clock.Advance(TimeSpan.FromMinutes(15));
        var recovering = await RunJobAsync(hub);
        var stillSuspended = await FilterAsync(hub, "scoot-normandie", Products.Availability);
        hub.Clock.Advance(TimeSpan.FromDays(1));
        var lifted = await RunJobAsync(hub);

        Assert.Equal((0, 0), (recovering.Added, recovering.Lifted)); // met again, but not yet for the 1-day recovery period
        Assert.IsType<ProblemHttpResult>(stillSuspended);
        Assert.Equal((0, 3), (lifted.Added, lifted.Lifted));
        Assert.IsType<Ok>(await FilterAsync(hub, "scoot-normandie", Products.Availability));
        Assert.Equal(0, await hub.WithDbAsync(db => db.Set<SanctionRecord>().CountAsync(s => s.LiftedAt == null)));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_job_that_did_not_run_for_weeks_still_climbs_one_step_at_a_time(string provider)
    {
        await using var hub = await StartAsync(provider);
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow().AddDays(-60), "no event at all");
        hub.Clock.Advance(PastGrace);
        await RunJobAsync(hub);
        hub.Clock.Advance(TimeSpan.FromDays(45)); // every step is long due

        var first = await RunJobAsync(hub);
        var sameInstant = await RunJobAsync(hub);
        hub.Clock.Advance(TimeSpan.FromMinutes(15));
        var next = await RunJobAsync(hub);

        Assert.Equal(1, first.Added); // the warning only: no jump to the suspension
        Assert.Equal(0, sameInstant.Added);
        Assert.Equal(1, next.Added);
        Assert.Equal(["notice", "warning", "suspend_rights"], await ActionsAsync(hub));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Reciprocity_a_right_conditional_on_obligations_is_suspended_while_its_holder_is_in_breach(string provider)
    {
        await using var hub = await StartAsync(provider);
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow(), "lag 90 min");
        await RunJobAsync(hub);
        var inGrace = await StandingAsync(hub, "scoot-normandie");
        hub.Clock.Advance(PastGrace);
        await RunJobAsync(hub);
        var inBreach = await StandingAsync(hub, "scoot-normandie");
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM probe_readings"));
        hub.Clock.Advance(TimeSpan.FromMinutes(15));
        await RunJobAsync(hub);
        var metAgain = await StandingAsync(hub, "scoot-normandie");

        Assert.Empty(inGrace.SuspendedProducts); // a feed in its grace period is in breach of nothing
        Assert.Equal([Products.Availability], inBreach.SuspendedProducts.Keys); // conditional right only; feed-reports stays
        Assert.Contains("conditional on the member's own obligations", inBreach.SuspendedProducts[Products.Availability]);
        Assert.Empty(metAgain.SuspendedProducts); // reciprocity follows the obligation's state, not the recovery period
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Every_member_reads_every_members_obligations_state_and_sanctions(string provider)
    {
        await using var hub = await StartAsync(provider);
        await WriteBreachAsync(hub, "scoot-freshness", hub.Clock.GetUtcNow().AddDays(-10), "lag 90 min");
        hub.Clock.Advance(PastGrace);
        await RunJobAsync(hub);

        var scoot = await (await hub.ClientForAsync("scoot-normandie")).GetFromJsonAsync<JsonElement>("/obligations?member=scoot-normandie");
        var reseau = await (await hub.ClientForAsync("reseau-astuce-exemple")).GetFromJsonAsync<JsonElement>("/obligations?member=reseau-astuce-exemple");
        var everyone = await (await hub.ClientForAsync("asso-velo")).GetFromJsonAsync<JsonElement>("/obligations");
        var admin = await (await hub.ClientForAsync("tiers-de-confiance")).GetFromJsonAsync<JsonElement>("/obligations");
        var mutual = await (await hub.ClientForAsync("reseau-astuce-exemple")).GetFromJsonAsync<JsonElement>("/obligations?member=scoot-normandie");

        var states = scoot.GetProperty("obligations").EnumerateArray()
            .ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["scoot-freshness"] = "breached", ["scoot-coverage"] = "not_evaluated" }, states);
        var notice = Assert.Single(scoot.GetProperty("sanctions").EnumerateArray());
        Assert.Equal(("notice", true), (notice.GetProperty("action").GetString(), notice.GetProperty("active").GetBoolean()));
        // A probe that crashes is reported as such; the other obligations were still judged.
        Assert.Contains(reseau.GetProperty("obligations").EnumerateArray(),
            o => o.GetProperty("id").GetString() == "reseau-gtfs-valid" && o.GetProperty("state").GetString() == "probe_failed");
        Assert.Empty(reseau.GetProperty("sanctions").EnumerateArray());
        Assert.Equal(5, admin.GetProperty("obligations").GetArrayLength());
        Assert.Equal(5, everyone.GetProperty("obligations").GetArrayLength()); // a member with no obligation of its own sees all
        // Monitoring is mutual: another member reads the scooter operator's obligations, their state and its sanctions.
        Assert.Contains(mutual.GetProperty("obligations").EnumerateArray(),
            o => o.GetProperty("id").GetString() == "scoot-freshness" && o.GetProperty("state").GetString() == "breached");
        Assert.Single(mutual.GetProperty("sanctions").EnumerateArray());
        Assert.DoesNotContain(mutual.GetProperty("obligations").EnumerateArray(), o => o.GetProperty("member").GetString() != "scoot-normandie");
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

    private static Task<List<string>> ActionsAsync(HubFactory hub) =>
        hub.WithDbAsync(db => db.Set<SanctionRecord>().AsNoTracking().Where(s => s.LiftedAt == null).OrderBy(s => s.Id).Select(s => s.Action).ToListAsync());

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
