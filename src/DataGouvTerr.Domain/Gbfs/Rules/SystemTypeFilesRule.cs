using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs.Rules;

/// <summary>
/// The files a system must publish for its type: a docked system needs both station_information and
/// station_status (one without the other cannot give availability); a free-floating one needs vehicle_status
/// (free_bike_status in 2.x); every system needs system_information; and at least one availability file must exist.
/// </summary>
public sealed class SystemTypeFilesRule : IGbfsRule
{
    public IEnumerable<Notice> Check(GbfsSnapshot snapshot, GbfsRuleContext context)
    {
        var listed = snapshot.Discovery.Files;
        var source = GbfsFiles.Discovery;
        if (!listed.ContainsKey(GbfsFiles.SystemInformation))
        {
            yield return Missing(source, GbfsFiles.SystemInformation, "Every system must publish system_information.");
        }

        var hasInformation = listed.ContainsKey(GbfsFiles.StationInformation);
        var hasStatus = listed.ContainsKey(GbfsFiles.StationStatus);
        if (hasInformation && !hasStatus)
        {
            yield return Missing(source, GbfsFiles.StationStatus, "A docked system lists station_information without station_status.");
        }
        else if (hasStatus && !hasInformation)
        {
            yield return Missing(source, GbfsFiles.StationInformation, "A docked system lists station_status without station_information.");
        }

        var vehicleFile = snapshot.Discovery.Version.IsV3 ? GbfsFiles.VehicleStatus : GbfsFiles.FreeBikeStatus;
        var hasVehicles = snapshot.Discovery.VehicleStatusUrl is not null;
        if (!hasInformation && !hasStatus && !hasVehicles)
        {
            yield return new Notice(GbfsNoticeCodes.NoAvailabilityFile, NoticeSeverity.Error, new NoticeLocation(source, "data.feeds"),
                $"Neither station files nor {vehicleFile}: the system publishes no availability.");
        }

        // Listed but unreadable files: the discovery promised them, the poll could not use them.
        if (hasStatus && snapshot.StationStatuses is null)
        {
            yield return Missing(listed[GbfsFiles.StationStatus].ToString(), GbfsFiles.StationStatus, "station_status is listed but could not be read.");
        }

        if (hasVehicles && snapshot.Vehicles is null)
        {
            yield return Missing(snapshot.Discovery.VehicleStatusUrl!.ToString(), vehicleFile, $"{vehicleFile} is listed but could not be read.");
        }
    }

    private static Notice Missing(string source, string file, string message) =>
        new(GbfsNoticeCodes.MissingRequiredFile, NoticeSeverity.Error, new NoticeLocation(source, "data.feeds", "name", file), message);
}
