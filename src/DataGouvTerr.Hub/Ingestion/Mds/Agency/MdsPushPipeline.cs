using System.Text.Json;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// The shared flow of the bulk push endpoints: negotiate, read and parse the body within limits, authorise the
/// provider ids, then hand the items to <see cref="MdsItemStore"/> (the same checks and storage as pulled data),
/// which writes the valid items, the vehicles' new state and the quarantined failures in ONE transaction. The answer
/// is sent only after the commit, so a 2xx (or a 400/404 with <c>success</c> &gt; 0) means those items are durably
/// stored; a failure before the commit leaves nothing written. The phases' durations go back in <c>Server-Timing</c>.
/// </summary>
public sealed class MdsPushPipeline(
    MdsItemStore store,
    MdsPushAuthorizer authorizer,
    IOptions<MdsOptions> options,
    ILogger<MdsPushPipeline> logger)
{
    public async Task<IResult> RunAsync<TItem, TRow>(HttpContext http, MdsPushKind<TItem, TRow> kind, CancellationToken ct)
        where TItem : class
        where TRow : class, IMdsItemRow
    {
        var timings = new MdsPhaseTimings();
        var problem = MdsMediaType.Check(http.Request, hasBody: true);
        if (problem is not null)
        {
            return problem;
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return auth.Problem!;
        }
        var pusher = auth.Pusher;
        var body = await MdsBodyReader.ReadArrayAsync(http.Request, options.Value, ct);
        if (body.Document is null)
        {
            return body.Problem!;
        }
        using var document = body.Document;
        var items = new List<JsonElement>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            items.Add(item);
        }
        timings.Mark("read+parse");

        var providerIds = new List<(int, Guid)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (MdsPushAuthorizer.ReadProviderId(items[i]) is { } pid)
            {
                providerIds.Add((i, pid));
            }
        }
        var refused = MdsPushAuthorizer.CheckProviderIds(http, pusher, providerIds);
        if (refused is not null)
        {
            return refused;
        }

        var outcome = await store.StoreAsync(kind, items,
            providerId => providerId is { } p ? pusher.FeedsByProviderId[p] : pusher.DefaultFeed,
            pusher.Contract, "push", alsoInTransaction: null, timings, ct);

        logger.LogDebug("MDS {Endpoint} from {Member}: {Stored} stored, {Known} already known, {Failed} refused",
            kind.Endpoint, pusher.MemberId, outcome.Stored, outcome.AlreadyKnown, outcome.Refusals.Count);
        var failures = outcome.Refusals.Select(r => r.Failure).ToList();
        var response = new MdsBulkResponse(outcome.Stored + outcome.AlreadyKnown, items.Count, failures, outcome.AlreadyKnown,
            outcome.Notices.Count == 0 ? null : outcome.Notices);
        timings.Mark("answer");
        http.Response.Headers["Server-Timing"] = timings.ToHeader();
        return MdsJson.Result(response, StatusFor(failures, created: 201));
    }

    /// <summary>
    /// One status for a bulk answer: 400 if any item is malformed, else 404 if any names an unregistered device,
    /// else the success code. <c>success</c> in the body says how many items were stored either way.
    /// </summary>
    public static int StatusFor(IReadOnlyList<MdsBulkFailure> failures, int created)
    {
        if (failures.Any(f => f.Error is MdsErrorCodes.BadParam or MdsErrorCodes.MissingParam))
        {
            return 400;
        }
        return failures.Any(f => f.Error == MdsErrorCodes.Unregistered) ? 404 : created;
    }
}
