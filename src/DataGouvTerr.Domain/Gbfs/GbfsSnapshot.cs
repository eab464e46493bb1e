namespace DataGouvTerr.Domain.Gbfs;

/// <summary>The header of one file as fetched: what the staleness rule and the poll planner need.</summary>
public sealed record GbfsFileHeader(string FileName, string Source, GbfsVersion Version, DateTimeOffset? LastUpdated, int TtlSeconds);

/// <summary>
/// Everything read from one poll of a system. A list is null when its file was not published or could not be
/// read, and empty when the file was read and held nothing: the rules tell the two apart.
/// </summary>
public sealed record GbfsSnapshot
{
    public required GbfsDiscovery Discovery { get; init; }
    public required DateTimeOffset FetchedAt { get; init; }
    public required IReadOnlyList<GbfsFileHeader> Files { get; init; }
    public GbfsSystemInformation? SystemInformation { get; init; }
    public IReadOnlyList<GbfsStation>? Stations { get; init; }
    public IReadOnlyList<GbfsStationStatus>? StationStatuses { get; init; }
    public IReadOnlyList<GbfsVehicle>? Vehicles { get; init; }
    public IReadOnlyList<GbfsVehicleType>? VehicleTypes { get; init; }
    public IReadOnlyList<GbfsGeofencingZone>? GeofencingZones { get; init; }

    /// <summary>Vehicles available for rent in the whole system (stations plus free-floating), the count feed health watches.</summary>
    public int TotalVehiclesAvailable =>
        (StationStatuses?.Where(s => s.IsInstalled).Sum(s => s.VehiclesAvailable) ?? 0)
        + (Vehicles?.Count(v => v.IsFreeFloating && !v.IsDisabled && !v.IsReserved) ?? 0);
}

/// <summary>
/// Reads the fetched files of one system into a <see cref="GbfsSnapshot"/>: each file is parsed leniently,
/// checked against its official schema, and turned into records. A file that cannot be read leaves its list null
/// and a notice; the other files are still read.
/// </summary>
public static class GbfsSnapshotReader
{
    public static GbfsSnapshot Read(GbfsDiscovery discovery, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, DateTimeOffset fetchedAt, GbfsNoticeCollector notices)
    {
        var headers = new List<GbfsFileHeader>();
        GbfsEnvelope? Open(string fileName)
        {
            if (!files.TryGetValue(fileName, out var bytes))
            {
                return null;
            }

            var source = discovery.Files.TryGetValue(fileName, out var url) ? url.ToString() : fileName;
            var envelope = GbfsEnvelopeReader.Read(source, bytes, discovery.Version, notices);
            if (envelope is not null)
            {
                GbfsSchemaValidator.Validate(envelope, fileName, notices);
                headers.Add(new GbfsFileHeader(fileName, source, envelope.Version, envelope.LastUpdated, envelope.TtlSeconds));
            }

            return envelope;
        }

        T? ReadFile<T>(string fileName, Func<GbfsEnvelope, T> read) where T : class
        {
            using var envelope = Open(fileName);
            return envelope is null ? null : read(envelope);
        }

        var vehicleFile = files.ContainsKey(GbfsFiles.VehicleStatus) ? GbfsFiles.VehicleStatus : GbfsFiles.FreeBikeStatus;
        return new GbfsSnapshot
        {
            Discovery = discovery,
            FetchedAt = fetchedAt,
            SystemInformation = ReadFile(GbfsFiles.SystemInformation, GbfsFileReader.ReadSystemInformation),
            Stations = ReadFile(GbfsFiles.StationInformation, e => GbfsFileReader.ReadStations(e, notices)),
            StationStatuses = ReadFile(GbfsFiles.StationStatus, e => GbfsFileReader.ReadStationStatus(e, notices)),
            Vehicles = ReadFile(vehicleFile, e => GbfsFileReader.ReadVehicles(e, notices)),
            VehicleTypes = ReadFile(GbfsFiles.VehicleTypes, GbfsFileReader.ReadVehicleTypes),
            GeofencingZones = ReadFile(GbfsFiles.GeofencingZones, e => GbfsFileReader.ReadGeofencingZones(e, notices)),
            // Pricing plans are validated (Open above) but not stored: no product uses them yet.
            Files = ReadFile(GbfsFiles.SystemPricingPlans, _ => headers) ?? headers,
        };
    }
}
