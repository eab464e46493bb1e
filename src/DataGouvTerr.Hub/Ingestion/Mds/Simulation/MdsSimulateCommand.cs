using System.CommandLine;
using System.Globalization;
using DataGouvTerr.Domain.Mds.Simulation;
using DataGouvTerr.Hub.Infrastructure.Cli;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Ingestion.Mds.Simulation;

/// <summary>
/// <c>mds simulate</c>: writes simulated MDS 2.0 data (vehicles.json, events.json, telemetry.json, trips.json, as
/// Provider API payloads) for a territory and a period, deterministic for a seed. Without <c>--bbox</c> it simulates
/// the Rouen sample territory with its hotspots (the demo itself is generated in memory: see <c>demo load</c>).
/// </summary>
internal sealed class MdsSimulateCommand : ICliCommand
{
    public bool UsesStore => false;

    public Command Build()
    {
        var from = new Option<string>("--from") { Description = "Start (ISO 8601, UTC unless an offset is given), e.g. 2026-11-30T00:00:00+01:00.", Required = true };
        var to = new Option<string>("--to") { Description = "End, exclusive (ISO 8601).", Required = true };
        var vehicles = new Option<int>("--vehicles") { Description = "Fleet size.", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the four JSON files into.", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var bbox = new Option<string?>("--bbox") { Description = "Territory as minLon,minLat,maxLon,maxLat (default: the Rouen sample territory)." };
        var telemetryInterval = new Option<int>("--telemetry-interval") { Description = "Seconds between telemetry points during a trip.", DefaultValueFactory = _ => 30 };
        var tripsPerVehicle = new Option<double>("--trips-per-vehicle") { Description = "Mean trips per vehicle on a weekday.", DefaultValueFactory = _ => 3.5 };

        var simulate = new Command("simulate", "Generate realistic MDS 2.0 vehicles, events, telemetry and trips for a territory.")
        {
            from, to, vehicles, seed, output, bbox, telemetryInterval, tripsPerVehicle,
        };
        simulate.SetAction(parse =>
        {
            if (!TryParseTime(parse.GetValue(from)!, out var start) || !TryParseTime(parse.GetValue(to)!, out var end) || end <= start)
            {
                Console.Error.WriteLine("--from and --to must be ISO 8601 date-times with --from before --to.");
                return 2;
            }
            var (territory, hotspots) = (RouenArea.Polygon as Geometry, RouenArea.Hotspots);
            if (parse.GetValue(bbox) is { } box)
            {
                if (!TryParseBox(box, out var polygon))
                {
                    Console.Error.WriteLine("--bbox must be minLon,minLat,maxLon,maxLat with min < max.");
                    return 2;
                }
                (territory, hotspots) = (polygon, []);
            }
            var request = new MdsSimulationRequest
            {
                Territory = territory,
                Hotspots = hotspots,
                From = start,
                To = end,
                VehicleCount = parse.GetValue(vehicles),
                Seed = parse.GetValue(seed),
                TelemetryIntervalSeconds = parse.GetValue(telemetryInterval),
                TripsPerVehiclePerDay = parse.GetValue(tripsPerVehicle),
            };
            var simulation = MdsSimulator.Simulate(request);
            var folder = parse.GetValue(output)!;
            folder.Create();
            Write(folder, "vehicles.json", s => MdsPayloadWriter.WriteVehicles(s, simulation.Vehicles));
            Write(folder, "events.json", s => MdsPayloadWriter.WriteEvents(s, simulation.Events));
            Write(folder, "telemetry.json", s => MdsPayloadWriter.WriteTelemetry(s, simulation.Telemetry));
            Write(folder, "trips.json", s => MdsPayloadWriter.WriteTrips(s, simulation.Trips));
            Console.WriteLine($"{simulation.Vehicles.Count} vehicles, {simulation.Trips.Count} trips, {simulation.Events.Count} events, " +
                              $"{simulation.Telemetry.Count} telemetry points written to {folder.FullName}");
            return 0;
        });
        return new Command("mds", "MDS tools.") { simulate };
    }

    private static void Write(DirectoryInfo folder, string name, Action<Stream> write)
    {
        using var file = File.Create(Path.Combine(folder.FullName, name));
        write(file);
    }

    private static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    private static bool TryParseBox(string text, out Polygon polygon)
    {
        polygon = null!;
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || parts.Where((p, i) => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any()
            || values[0] >= values[2] || values[1] >= values[3])
        {
            return false;
        }
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        polygon = factory.CreatePolygon(
        [
            new Coordinate(values[0], values[1]), new Coordinate(values[2], values[1]), new Coordinate(values[2], values[3]),
            new Coordinate(values[0], values[3]), new Coordinate(values[0], values[1]),
        ]);
        return true;
    }
}
