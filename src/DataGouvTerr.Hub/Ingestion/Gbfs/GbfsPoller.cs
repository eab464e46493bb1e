using System.Security.Cryptography;
using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Domain.Gbfs.Rules;
using DataGouvTerr.Domain.Notices;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

public enum GbfsPollOutcome
{
    /// <summary>A new snapshot was stored.</summary>
    Ingested,
    /// <summary>Nothing was due, or what was fetched had not changed.</summary>
    Unchanged,
    /// <summary>The snapshot could not be read; the previous one stays current.</summary>
    Failed,
    /// <summary>The contract has no GBFS feed of that id.</summary>
    UnknownFeed,
}

/// <summary>What one poll did, for the job log and the tests.</summary>
public sealed record GbfsPollReport(string FeedId, GbfsPollOutcome Outcome, IReadOnlyList<string> FetchedFiles, IReadOnlyList<Notice> Notices);

/// <summary>
/// Polls one GBFS feed of the contract: discovery, then each file when due (ttl, contract schedule) with
/// conditional requests; reads, validates and checks the snapshot; and hands it to <see cref="GbfsSnapshotStore"/>
/// which writes it in one transaction. Fetch → hash → skip or swap: identical availability files are not stored
/// twice, and unreadable ones never replace the last good snapshot. A poll that could not fetch its availability
/// files (or any file) is a failure: cached copies are never passed off as a fresh snapshot.
/// </summary>
public sealed class GbfsPoller(
    GbfsSnapshotStore store,
    GbfsHttpClient http,
    GbfsFeedSource feedSource,
    TimeProvider time,
    IOptions<GbfsOptions> options)
{
    /// <summary>Files whose content makes up a snapshot; a change elsewhere (pricing, types) alone is not a new snapshot.</summary>
    private static readonly string[] AvailabilityFiles =
        [GbfsFiles.StationInformation, GbfsFiles.StationStatus, GbfsFiles.VehicleStatus, GbfsFiles.FreeBikeStatus];

    public async Task<GbfsPollReport> PollAsync(string feedId, CancellationToken ct)
    {
        var settings = options.Value;
        var (contract, feed, discoveryUrl) = await feedSource.FindAsync(feedId, ct);
        if (contract is null || feed is null || discoveryUrl is null)
        {
            return new GbfsPollReport(feedId, GbfsPollOutcome.UnknownFeed, [], []);
        }

        var now = time.GetUtcNow();
        var schedule = GbfsSchedule.MaxInterval(feed.Schedule) ?? settings.DefaultScheduleInterval;
        var poll = await store.LoadAsync(feedId, ct);
        var notices = new GbfsNoticeCollector();
        var failures = new List<string>();
        var failedFiles = new HashSet<string>();
        var fetched = new Dictionary<string, (byte[] Content, GbfsCacheValidators Validators)>();
        var consulted = new HashSet<string>();

        async Task<byte[]?> FetchIfDue(string fileName, Uri url)
        {
            var state = poll.File(fileName, url);
            if (!GbfsPollPlanner.IsDue(now, state.LastFetchedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, state.TtlSeconds, schedule))
            {
                return state.Content;
            }

            var result = await http.FetchAsync(url, new GbfsCacheValidators(state.ETag, ToOffset(state.LastModified)), settings.MaxPayloadBytes, ct);
            switch (result.Outcome)
            {
                case GbfsFetchOutcome.Fetched:
                    consulted.Add(fileName);
                    fetched[fileName] = (result.Content!, result.Validators);
                    return result.Content;
                case GbfsFetchOutcome.NotModified:
                    consulted.Add(fileName);
                    return state.Content;
                default:
                    failedFiles.Add(fileName);
                    failures.Add($"{fileName}: {result.Error}");
                    notices.Add(result.TooLarge ? GbfsNoticeCodes.PayloadTooLarge : GbfsNoticeCodes.HttpError, NoticeSeverity.Error,
                        new NoticeLocation(url.ToString()), $"{fileName} could not be fetched: {result.Error}");
                    return state.Content;
            }
        }

        // Discovery (following a 3.0 manifest to the system's gbfs.json when the contract points at one).
        var discoveryBytes = await FetchIfDue(GbfsFiles.Discovery, discoveryUrl);
        var discoveryEnvelope = discoveryBytes is null ? null : GbfsEnvelopeReader.Read(discoveryUrl.ToString(), discoveryBytes, null, notices);
        if (discoveryEnvelope?.Data.TryGetProperty("datasets", out _) == true)
        {
            var systemUrl = GbfsManifestReader.PickDiscoveryUrl(discoveryEnvelope, discoveryUrl, null, notices);
            discoveryEnvelope.Dispose();
            discoveryEnvelope = null;
            if (systemUrl is not null)
            {
                discoveryUrl = systemUrl;
                discoveryBytes = await FetchIfDue(GbfsFiles.Discovery, systemUrl);
                discoveryEnvelope = discoveryBytes is null ? null : GbfsEnvelopeReader.Read(systemUrl.ToString(), discoveryBytes, null, notices);
            }
        }

        GbfsDiscovery? discovery;
        using (discoveryEnvelope)
        {
            if (discoveryEnvelope is not null && fetched.ContainsKey(GbfsFiles.Discovery))
            {
                GbfsSchemaValidator.Validate(discoveryEnvelope, GbfsFiles.Discovery, notices);
            }

            discovery = discoveryEnvelope is null ? null : GbfsDiscoveryReader.Read(discoveryEnvelope, discoveryUrl, notices);
        }

        if (discovery is null)
        {
            await store.SaveFailureAsync(poll, now, consulted, fetched, Unusable(fetched, GbfsFiles.Discovery), failures, notices.ToList(), "discovery file unusable", ct);
            return new GbfsPollReport(feedId, GbfsPollOutcome.Failed, [.. fetched.Keys], notices.ToList());
        }

        poll.Feed.DiscoveryUrl = discoveryUrl.ToString();
        poll.Feed.Version = discovery.Version.ToString();
        var contents = new Dictionary<string, ReadOnlyMemory<byte>>();
        foreach (var fileName in GbfsFiles.Polled)
        {
            if (discovery.Files.TryGetValue(fileName, out var url) && await FetchIfDue(fileName, url) is { } content)
            {
                contents[fileName] = content;
            }
        }

        poll.ForgetFilesNotIn(discovery.Files.Keys.Append(GbfsFiles.Discovery));

        // The cached copies are the last good answers, not this poll's: a snapshot rebuilt from them would be stamped
        // now and fill the outage's time bins with old availability. When every file failed, or an availability
        // file did, the poll stores nothing new and counts as a failure.
        var failedAvailability = AvailabilityFiles.Where(failedFiles.Contains).ToList();
        if (failures.Count > 0 && (consulted.Count == 0 || failedAvailability.Count > 0))
        {
            var reason = consulted.Count == 0 ? "every file failed" : $"not fetched: {string.Join(", ", failedAvailability)}";
            await store.SaveFailureAsync(poll, now, consulted, fetched, [], failures, notices.ToList(), reason, ct);
            return new GbfsPollReport(feedId, GbfsPollOutcome.Failed, [.. fetched.Keys], notices.ToList());
        }
        var hash = Hash(contents);
        var nothingNew = !AvailabilityFiles.Any(fetched.ContainsKey) || hash == poll.Feed.SnapshotHash;
        if (failures.Count == 0 && poll.Feed.SnapshotHash is not null && nothingNew)
        {
            await store.SaveUnchangedAsync(poll, now, consulted, fetched, ct);
            return new GbfsPollReport(feedId, GbfsPollOutcome.Unchanged, [.. fetched.Keys], []);
        }

        var snapshot = GbfsSnapshotReader.Read(discovery, contents, now, notices);
        GbfsRules.Run(GbfsRules.All, snapshot, new GbfsRuleContext(now, contract.Territory.Area), notices);

        var unreadable = Unreadable(snapshot, contents);
        if (unreadable.Count > 0)
        {
            await store.SaveFailureAsync(poll, now, consulted, fetched, unreadable, failures, notices.ToList(),
                $"unreadable: {string.Join(", ", unreadable)}", ct);
            return new GbfsPollReport(feedId, GbfsPollOutcome.Failed, [.. fetched.Keys], notices.ToList());
        }

        var availability = new GbfsAvailabilityCalculator(contract.Zoning).Calculate(snapshot, settings.TimeBin);
        await store.SaveSnapshotAsync(poll, new GbfsSnapshotWrite(snapshot, availability, fetched, consulted, hash, failures, notices.ToList(), feed.RetentionDays), ct);
        return new GbfsPollReport(feedId, GbfsPollOutcome.Ingested, [.. fetched.Keys], notices.ToList());
    }

    /// <summary>Availability files present but not readable into records: the snapshot is broken.</summary>
    private static List<string> Unreadable(GbfsSnapshot snapshot, Dictionary<string, ReadOnlyMemory<byte>> contents)
    {
        var unreadable = new List<string>();
        if (contents.ContainsKey(GbfsFiles.StationInformation) && snapshot.Stations is null)
        {
            unreadable.Add(GbfsFiles.StationInformation);
        }

        if (contents.ContainsKey(GbfsFiles.StationStatus) && snapshot.StationStatuses is null)
        {
            unreadable.Add(GbfsFiles.StationStatus);
        }

        var vehicleFile = contents.ContainsKey(GbfsFiles.VehicleStatus) ? GbfsFiles.VehicleStatus : GbfsFiles.FreeBikeStatus;
        if (contents.ContainsKey(vehicleFile) && snapshot.Vehicles is null)
        {
            unreadable.Add(vehicleFile);
        }

        return unreadable;
    }

    private static List<string> Unusable(Dictionary<string, (byte[], GbfsCacheValidators)> fetched, string fileName) =>
        fetched.ContainsKey(fileName) ? [fileName] : [];

    private static string Hash(Dictionary<string, ReadOnlyMemory<byte>> contents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var fileName in AvailabilityFiles.Where(contents.ContainsKey))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(fileName));
            sha.AppendData(contents[fileName].Span);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static DateTimeOffset? ToOffset(DateTime? utc) => utc is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
