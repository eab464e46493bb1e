using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>What one pull run did per endpoint: hours completed, where it stopped and why, items stored.</summary>
public sealed record MdsPullRunSummary(string FeedId, IReadOnlyList<MdsPullEndpointSummary> Endpoints, MdsImportOutcome Vehicles)
{
    public static MdsPullRunSummary Skipped(string feedId) => new(feedId, [], MdsImportOutcome.None);
}

/// <summary>One endpoint's part of a pull run; <see cref="WaitingForHour"/> is set when the provider answered 202.</summary>
public sealed record MdsPullEndpointSummary(string Endpoint, int HoursCompleted, DateTimeOffset NextHour, DateTimeOffset? WaitingForHour, MdsImportOutcome Items);

/// <summary>
/// Pulls one MDS feed from its operator's Provider API: the fleet, then hour by hour the trips and the historical
/// events, from the feed's cursor up to the last complete hour. A 404 for a past hour is an empty hour (the spec:
/// "no operations during this hour") and the cursor moves on; a 202 means the operator has not finished the hour, so
/// the cursor waits there and the next run asks again. Hours missed while the hub was down are back-filled, at most
/// <see cref="MdsPullFeedOptions.MaxHoursPerRun"/> per run. Safe to run twice: a re-pulled hour hits the unique keys.
/// </summary>
public sealed class MdsPullJob(
    IContractProvider contracts,
    IOptionsMonitor<MdsPullFeedOptions> pullOptions,
    MdsProviderClient client,
    MdsItemImporter importer,
    HubDbContext db,
    IFeedLock feedLock,
    MdsTripsPush trips,
    MdsEventsPush events,
    TimeProvider clock,
    ILogger<MdsPullJob> logger)
{
    private const long HourMs = 3_600_000;

    [AutomaticRetry(Attempts = 5)]
    public async Task<MdsPullRunSummary> RunAsync(string feedId, CancellationToken cancellationToken)
    {
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var feed = contract.FindFeed(feedId);
        var options = pullOptions.Get(feedId);
        if (feed is not { Kind: FeedKind.Mds } || !options.IsConfigured)
        {
            logger.LogWarning("MDS pull of {FeedId} skipped: not an MDS feed of the contract, or no Mds:Pull:{FeedId}:BaseUrl configured", feedId, feedId);
            return MdsPullRunSummary.Skipped(feedId);
        }

        using var held = await feedLock.AcquireAsync(feedId, cancellationToken: cancellationToken);
        var vehicles = MdsImportOutcome.None;
        if (options.PullVehicles)
        {
            var fleet = await client.GetVehiclesAsync(options, cancellationToken);
            vehicles = await importer.ImportVehiclesAsync(feed, fleet.Items, cancellationToken);
        }

        var summaries = new List<MdsPullEndpointSummary>
        {
            await PullEndpointAsync(feed, contract, options, MdsProviderEndpoint.Trips, trips, cancellationToken),
            await PullEndpointAsync(feed, contract, options, MdsProviderEndpoint.Events, events, cancellationToken),
        };
        logger.LogInformation("MDS pull of {FeedId}: {Summary}", feedId,
            string.Join("; ", summaries.Select(s => $"{s.Endpoint} {s.HoursCompleted} h, {s.Items.Stored} new, next {s.NextHour:u}")));
        return new MdsPullRunSummary(feedId, summaries, vehicles);
    }

    private async Task<MdsPullEndpointSummary> PullEndpointAsync<TItem, TRow>(
        FeedDeclaration feed, MobilityContract contract, MdsPullFeedOptions options, MdsProviderEndpoint endpoint,
        MdsPushKind<TItem, TRow> kind, CancellationToken ct)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        // The last hour worth asking for: it ended ReadyAfterMinutes ago. Later hours would be 404 (future) anyway.
        var lastAskableMs = FloorHour(nowMs - (options.ReadyAfterMinutes * 60_000L)) - HourMs;
        var cursor = await db.Set<MdsPullCursor>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.FeedId == feed.Id && c.Endpoint == endpoint.Name, ct)
            ?? new MdsPullCursor { FeedId = feed.Id, Endpoint = endpoint.Name, NextHourMs = FloorHour(nowMs) - (options.InitialBackfillHours * HourMs) };

        var total = MdsImportOutcome.None;
        var completed = 0;
        DateTimeOffset? waiting = null;
        var hourMs = cursor.NextHourMs;
        while (hourMs <= lastAskableMs && completed < options.MaxHoursPerRun)
        {
            var hour = DateTimeOffset.FromUnixTimeMilliseconds(hourMs);
            var result = await client.GetHourAsync(options, endpoint, hour, ct);
            var status = result.Status switch
            {
                MdsHourStatus.Ready => "ready",
                MdsHourStatus.NoData => "no_data",
                _ => "not_ready",
            };
            var next = result.Status == MdsHourStatus.NotReady ? hourMs : hourMs + HourMs;
            var attemptMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var items = result.Status == MdsHourStatus.Ready ? result.Items : [];
            var outcome = await importer.ImportAsync(kind, feed, contract, items, "pull",
                store => SaveCursorAsync(store, feed.Id, endpoint.Name, next, attemptMs, status, ct), ct);
            total = total.Plus(outcome);
            if (result.Status == MdsHourStatus.NotReady)
            {
                waiting = hour;
                break;
            }
            completed++;
            hourMs = next;
        }
        return new MdsPullEndpointSummary(endpoint.Name, completed, DateTimeOffset.FromUnixTimeMilliseconds(hourMs), waiting, total);
    }

    /// <summary>Upserts the cursor through the importer's transaction, so it moves only if the hour's items committed.</summary>
    private static async Task SaveCursorAsync(HubDbContext store, string feedId, string endpoint, long nextHourMs, long attemptMs, string status, CancellationToken ct)
    {
        var cursor = await store.Set<MdsPullCursor>().FirstOrDefaultAsync(c => c.FeedId == feedId && c.Endpoint == endpoint, ct);
        if (cursor is null)
        {
            cursor = new MdsPullCursor { FeedId = feedId, Endpoint = endpoint };
            store.Add(cursor);
        }
        // Never move backwards: a slower concurrent run (lock lost) must not undo a later cursor.
        cursor.NextHourMs = Math.Max(cursor.NextHourMs, nextHourMs);
        cursor.LastAttemptAtMs = attemptMs;
        cursor.LastStatus = status;
    }

    private static long FloorHour(long ms) => ms - (((ms % HourMs) + HourMs) % HourMs);
}
