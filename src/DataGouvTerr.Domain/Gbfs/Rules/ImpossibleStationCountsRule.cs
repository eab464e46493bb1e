using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs.Rules;

/// <summary>
/// Station counts that cannot be true: negative counts, more vehicles plus docks (available and disabled) than the
/// station's capacity, and statuses for stations that <c>station_information</c> does not list.
/// </summary>
public sealed class ImpossibleStationCountsRule : IGbfsRule
{
    public IEnumerable<Notice> Check(GbfsSnapshot snapshot, GbfsRuleContext context)
    {
        if (snapshot.StationStatuses is null)
        {
            yield break;
        }

        var source = snapshot.Files.FirstOrDefault(f => f.FileName == GbfsFiles.StationStatus)?.Source ?? GbfsFiles.StationStatus;
        var stations = snapshot.Stations?.GroupBy(s => s.StationId).ToDictionary(g => g.Key, g => g.First());
        foreach (var status in snapshot.StationStatuses)
        {
            var location = new NoticeLocation(source, $"station {status.StationId}");
            if (status.VehiclesAvailable < 0 || status.DocksAvailable < 0 || status.VehiclesDisabled < 0 || status.DocksDisabled < 0)
            {
                yield return new Notice(GbfsNoticeCodes.ImpossibleStationCounts, NoticeSeverity.Error, location with { Field = "num_vehicles_available" },
                    $"Station {status.StationId} reports a negative count.");
                continue;
            }

            if (stations is null)
            {
                continue;
            }

            if (!stations.TryGetValue(status.StationId, out var station))
            {
                yield return new Notice(GbfsNoticeCodes.UnknownStation, NoticeSeverity.Warning, location with { Field = "station_id", Value = status.StationId },
                    "Status for a station that station_information does not list.");
                continue;
            }

            var occupied = status.VehiclesAvailable + status.VehiclesDisabled + (status.DocksAvailable ?? 0) + status.DocksDisabled;
            if (station.Capacity is { } capacity && occupied > capacity)
            {
                yield return new Notice(GbfsNoticeCodes.ImpossibleStationCounts, NoticeSeverity.Error,
                    location with { Field = "num_docks_available", Value = occupied.ToString() },
                    $"Station {status.StationId} counts {occupied} vehicles and docks for a capacity of {capacity}.");
            }
        }
    }
}
