using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Domain.Notices;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>The stored state of one feed loaded for a poll: the feed row and its file rows (tracked by the context).</summary>
public sealed class GbfsPollState(GbfsFeedState feed, Dictionary<string, GbfsFileState> files, List<GbfsFileState> removed)
{
    public GbfsFeedState Feed { get; } = feed;
    public IReadOnlyDictionary<string, GbfsFileState> Files => files;
    internal List<GbfsFileState> Removed { get; } = removed;

    /// <summary>The state of a file, new if unknown; a changed URL drops the validators and copy of the old one.</summary>
    public GbfsFileState File(string fileName, Uri url)
    {
        if (!files.TryGetValue(fileName, out var state))
        {
            state = new GbfsFileState { FeedId = Feed.FeedId, FileName = fileName, Url = url.ToString() };
            files[fileName] = state;
        }
        else if (state.Url != url.ToString())
        {
            state.Url = url.ToString();
            (state.ETag, state.LastModified, state.LastFetchedAt, state.Content) = (null, null, null, null);
        }

        return state;
    }

    public void ForgetFilesNotIn(IEnumerable<string> listed)
    {
        var keep = listed.ToHashSet();
        foreach (var name in files.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            Removed.Add(files[name]);
            files.Remove(name);
        }
    }
}

/// <summary>Everything a good poll writes, handed to <see cref="GbfsSnapshotStore.SaveSnapshotAsync"/>.</summary>
public sealed record GbfsSnapshotWrite(
    GbfsSnapshot Snapshot,
    GbfsAvailabilitySnapshot Availability,
    IReadOnlyDictionary<string, (byte[] Content, GbfsCacheValidators Validators)> Fetched,
    IReadOnlyCollection<string> Consulted,
    string Hash,
    IReadOnlyList<string> Failures,
    IReadOnlyList<Notice> Notices,
    int RetentionDays);

/// <summary>
/// Writes GBFS polls to the store. A good snapshot (stations, zones, availability of its time bin, raw files,
/// notices, incidents, file copies) is written in one transaction: a failure anywhere rolls everything back and
/// the previous snapshot stays current. A failed poll writes only its notices, incidents and feed status.
/// </summary>
public sealed class GbfsSnapshotStore(HubDbContext db, TimeProvider time)
{
    public async Task<GbfsPollState> LoadAsync(string feedId, CancellationToken ct)
    {
        var feed = await db.Set<GbfsFeedState>().FirstOrDefaultAsync(f => f.FeedId == feedId, ct);
        if (feed is null)
        {
            feed = new GbfsFeedState { FeedId = feedId, Status = GbfsFeedStatus.Unknown };
            db.Add(feed);
        }

        var files = await db.Set<GbfsFileState>().Where(f => f.FeedId == feedId).ToDictionaryAsync(f => f.FileName, ct);
        return new GbfsPollState(feed, files, []);
    }

    public async Task SaveUnchangedAsync(GbfsPollState poll, DateTimeOffset now, IReadOnlyCollection<string> consulted,
        IReadOnlyDictionary<string, (byte[] Content, GbfsCacheValidators Validators)> fetched, CancellationToken ct)
    {
        poll.Feed.LastPolledAt = now.UtcDateTime;
        ApplyFiles(poll, now, consulted, fetched, []);
        await SaveFilesAsync(poll, [], ct);
    }

    public async Task SaveFailureAsync(GbfsPollState poll, DateTimeOffset now, IReadOnlyCollection<string> consulted,
        IReadOnlyDictionary<string, (byte[] Content, GbfsCacheValidators Validators)> fetched, IReadOnlyList<string> brokenFiles,
        IReadOnlyList<string> failures, IReadOnlyList<Notice> notices, string reason, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        poll.Feed.LastPolledAt = now.UtcDateTime;
        poll.Feed.Status = GbfsFeedStatus.Failing;
        poll.Feed.LastError = failures.Count > 0 ? string.Join("; ", failures) : reason;
        // Broken files are neither kept nor marked fetched, so the next tick fetches them again; good ones are kept.
        ApplyFiles(poll, now, consulted, fetched, brokenFiles);
        await ReplaceNoticesAsync(poll.Feed.FeedId, now, notices, ct);
        var open = new List<GbfsIncident>();
        if (failures.Count > 0)
        {
            open.Add(new GbfsIncident(GbfsIncidentKind.HttpFailure, string.Join("; ", failures)));
        }

        if (brokenFiles.Count > 0 || failures.Count == 0)
        {
            open.Add(new GbfsIncident(GbfsIncidentKind.Unreadable, reason));
        }

        await TrackIncidentsAsync(poll.Feed.FeedId, now, open, [GbfsIncidentKind.HttpFailure, GbfsIncidentKind.Unreadable], ct);
        await SaveFilesAsync(poll, brokenFiles, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task SaveSnapshotAsync(GbfsPollState poll, GbfsSnapshotWrite write, CancellationToken ct)
    {
        var feedId = poll.Feed.FeedId;
        var snapshot = write.Snapshot;
        var now = snapshot.FetchedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        if (write.Fetched.ContainsKey(GbfsFiles.StationInformation) || !await db.Set<GbfsStationRecord>().AnyAsync(s => s.FeedId == feedId, ct))
        {
            await db.Set<GbfsStationRecord>().Where(s => s.FeedId == feedId).ExecuteDeleteAsync(ct);
            db.AddRange((snapshot.Stations ?? []).DistinctBy(s => s.StationId).Select(s => new GbfsStationRecord
            {
                FeedId = feedId,
                StationId = s.StationId,
                Name = s.Name,
                Location = new Point(s.Longitude, s.Latitude) { SRID = 4326 },
                Capacity = s.Capacity,
                IsVirtual = s.IsVirtual,
            }));
        }

        if (write.Fetched.ContainsKey(GbfsFiles.GeofencingZones))
        {
            await db.Set<GbfsGeofencingZoneRecord>().Where(z => z.FeedId == feedId).ExecuteDeleteAsync(ct);
            db.AddRange((snapshot.GeofencingZones ?? []).Select(z => new GbfsGeofencingZoneRecord { FeedId = feedId, Name = z.Name, Area = z.Area }));
        }

        await WriteAvailabilityAsync(feedId, write.Availability, now.UtcDateTime, ct);

        // Raw copies only when the bytes changed: a file fetched again (ttl) with the same content is already kept
        // (about 1 GB a day for Vélib' polled every 2 minutes when every fetch was kept).
        foreach (var (fileName, (content, _)) in write.Fetched)
        {
            if (poll.Files.TryGetValue(fileName, out var previous) && previous.Content is { } last && last.AsSpan().SequenceEqual(content))
            {
                continue;
            }

            db.Add(new GbfsRawFileRecord { FeedId = feedId, FileName = fileName, FetchedAt = now.UtcDateTime, Content = content });
        }

        var retentionStart = time.GetUtcNow().UtcDateTime.AddDays(-Math.Max(write.RetentionDays, 0));
        await db.Set<GbfsRawFileRecord>().Where(r => r.FeedId == feedId && r.FetchedAt < retentionStart).ExecuteDeleteAsync(ct);

        await ReplaceNoticesAsync(feedId, now, write.Notices, ct);
        var total = snapshot.TotalVehiclesAvailable;
        var open = new List<GbfsIncident>();
        if (write.Failures.Count > 0)
        {
            open.Add(new GbfsIncident(GbfsIncidentKind.HttpFailure, string.Join("; ", write.Failures)));
        }

        if (write.Notices.FirstOrDefault(n => n.Code == GbfsNoticeCodes.StaleLastUpdated) is { } stale)
        {
            open.Add(new GbfsIncident(GbfsIncidentKind.Stale, stale.Message));
        }

        var openDropBaseline = await db.Set<GbfsIncidentRecord>()
            .Where(i => i.FeedId == feedId && i.EndedAt == null && i.Kind == nameof(GbfsIncidentKind.CountDrop))
            .Select(i => i.Baseline).FirstOrDefaultAsync(ct);
        if (GbfsCountDropDetector.Detect(poll.Feed.LastVehiclesAvailable, total, openDropBaseline) is { } drop)
        {
            open.Add(drop);
        }

        await TrackIncidentsAsync(feedId, now, open, Enum.GetValues<GbfsIncidentKind>(), ct);

        var headers = snapshot.Files.ToDictionary(f => f.FileName);
        ApplyFiles(poll, now, write.Consulted, write.Fetched, []);
        foreach (var (fileName, state) in poll.Files)
        {
            if (headers.TryGetValue(fileName, out var header))
            {
                state.TtlSeconds = header.TtlSeconds;
                state.LastUpdated = header.LastUpdated?.UtcDateTime;
            }
            else if (fileName == GbfsFiles.Discovery)
            {
                state.TtlSeconds = snapshot.Discovery.TtlSeconds;
                state.LastUpdated = snapshot.Discovery.LastUpdated?.UtcDateTime;
            }
        }

        poll.Feed.LastPolledAt = now.UtcDateTime;
        poll.Feed.LastIngestedAt = now.UtcDateTime;
        poll.Feed.LastVehiclesAvailable = total;
        poll.Feed.SnapshotHash = write.Hash;
        poll.Feed.SystemName = snapshot.SystemInformation?.Name ?? poll.Feed.SystemName;
        poll.Feed.Status = write.Notices.Any(n => n.Severity == NoticeSeverity.Error) ? GbfsFeedStatus.Degraded : GbfsFeedStatus.Ok;
        poll.Feed.LastError = write.Failures.Count > 0 ? string.Join("; ", write.Failures) : null;

        await SaveFilesAsync(poll, [], ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Replaces the rows of the snapshot's time bin: the bin keeps the last snapshot observed in it, so a rerun is harmless.</summary>
    private async Task WriteAvailabilityAsync(string feedId, GbfsAvailabilitySnapshot availability, DateTime observedAt, CancellationToken ct)
    {
        var bin = availability.BinStart.UtcDateTime;
        await db.Set<GbfsStationAvailabilityRecord>().Where(a => a.FeedId == feedId && a.BinStart == bin).ExecuteDeleteAsync(ct);
        await db.Set<GbfsZoneAvailabilityRecord>().Where(a => a.FeedId == feedId && a.BinStart == bin).ExecuteDeleteAsync(ct);
        db.AddRange(availability.Stations.DistinctBy(s => s.StationId).Select(s => new GbfsStationAvailabilityRecord
        {
            FeedId = feedId,
            StationId = s.StationId,
            BinStart = bin,
            ObservedAt = observedAt,
            VehiclesAvailable = s.VehiclesAvailable,
            DocksAvailable = s.DocksAvailable,
            VehiclesDisabled = s.VehiclesDisabled,
            DocksDisabled = s.DocksDisabled,
        }));
        db.AddRange(availability.Zones.Select(z => new GbfsZoneAvailabilityRecord
        {
            FeedId = feedId,
            ZoningId = z.ZoningId,
            ZoneCode = z.ZoneCode,
            BinStart = bin,
            ObservedAt = observedAt,
            VehiclesAvailable = z.VehiclesAvailable,
            DocksAvailable = z.DocksAvailable,
            VehiclesDisabled = z.VehiclesDisabled,
        }));
    }

    private async Task ReplaceNoticesAsync(string feedId, DateTimeOffset polledAt, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        await db.Set<GbfsNoticeRecord>().Where(n => n.FeedId == feedId).ExecuteDeleteAsync(ct);
        db.AddRange(notices.Select(n => new GbfsNoticeRecord
        {
            FeedId = feedId,
            PolledAt = polledAt.UtcDateTime,
            Code = n.Code,
            Severity = n.Severity.ToString(),
            Source = n.Location.Source,
            Path = n.Location.Path,
            Field = n.Location.Field,
            Value = n.Location.Value,
            Message = n.Message,
        }));
    }

    /// <summary>Opens or extends an incident for each present condition, and closes open incidents of the judged kinds that are gone.</summary>
    private async Task TrackIncidentsAsync(string feedId, DateTimeOffset now, IReadOnlyList<GbfsIncident> present, IEnumerable<GbfsIncidentKind> judged, CancellationToken ct)
    {
        var at = now.UtcDateTime;
        var openIncidents = await db.Set<GbfsIncidentRecord>().Where(i => i.FeedId == feedId && i.EndedAt == null).ToListAsync(ct);
        foreach (var kind in judged)
        {
            var open = openIncidents.FirstOrDefault(i => i.Kind == kind.ToString());
            var current = present.FirstOrDefault(p => p.Kind == kind);
            if (current is not null && open is not null)
            {
                open.LastSeenAt = at;
                open.Detail = current.Detail;
            }
            else if (current is not null)
            {
                db.Add(new GbfsIncidentRecord { FeedId = feedId, Kind = kind.ToString(), StartedAt = at, LastSeenAt = at, Detail = current.Detail, Baseline = current.Baseline });
            }
            else if (open is not null)
            {
                open.EndedAt = at;
            }
        }
    }

    /// <summary>Every file consulted this poll (fetched or answered 304) restarts its ttl; fetched ones keep their new copy and validators.</summary>
    private static void ApplyFiles(GbfsPollState poll, DateTimeOffset now, IReadOnlyCollection<string> consulted,
        IReadOnlyDictionary<string, (byte[] Content, GbfsCacheValidators Validators)> fetched, IReadOnlyList<string> broken)
    {
        foreach (var name in consulted.Except(broken))
        {
            if (!poll.Files.TryGetValue(name, out var state))
            {
                continue;
            }

            state.LastFetchedAt = now.UtcDateTime;
            if (fetched.TryGetValue(name, out var file))
            {
                state.ETag = file.Validators.ETag;
                state.LastModified = file.Validators.LastModified?.UtcDateTime;
                state.Content = file.Content;
            }
        }
    }

    private async Task SaveFilesAsync(GbfsPollState poll, IReadOnlyList<string> except, CancellationToken ct)
    {
        db.RemoveRange(poll.Removed.Where(r => db.Entry(r).State != EntityState.Detached));
        foreach (var state in poll.Files.Values.Where(s => !except.Contains(s.FileName) || s.Content is not null))
        {
            if (db.Entry(state).State == EntityState.Detached)
            {
                db.Add(state);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
