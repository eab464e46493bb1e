using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs.Rules;

/// <summary>
/// Free-floating vehicles and stations outside the contract's territory: usually swapped lat/lon, a test vehicle,
/// or a feed of another city under the wrong contract. They are still stored but fall in no zone.
/// </summary>
public sealed class VehicleOutsideTerritoryRule : IGbfsRule
{
    public IEnumerable<Notice> Check(GbfsSnapshot snapshot, GbfsRuleContext context)
    {
        var vehicleSource = snapshot.Discovery.VehicleStatusUrl?.ToString() ?? GbfsFiles.VehicleStatus;
        foreach (var vehicle in snapshot.Vehicles ?? [])
        {
            if (vehicle is { Longitude: { } lon, Latitude: { } lat } && !context.InTerritory(lon, lat))
            {
                yield return new Notice(GbfsNoticeCodes.VehicleOutsideTerritory, NoticeSeverity.Warning,
                    new NoticeLocation(vehicleSource, null, "lat", $"{lat},{lon}"), "Vehicle position outside the contract's territory.");
            }
        }

        var stationSource = snapshot.Discovery.Files.GetValueOrDefault(GbfsFiles.StationInformation)?.ToString() ?? GbfsFiles.StationInformation;
        foreach (var station in snapshot.Stations ?? [])
        {
            if (!context.InTerritory(station.Longitude, station.Latitude))
            {
                yield return new Notice(GbfsNoticeCodes.StationOutsideTerritory, NoticeSeverity.Warning,
                    new NoticeLocation(stationSource, $"station {station.StationId}", "lat", $"{station.Latitude},{station.Longitude}"),
                    "Station position outside the contract's territory.");
            }
        }
    }
}
