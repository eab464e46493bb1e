using System.Globalization;
using System.Text;

namespace DataGouvTerr.Benchmarks.Gtfs;

/// <summary>
/// Writes a synthetic GTFS feed folder around Rouen with the requested number of stop_times: 200 routes of 25 stops,
/// trips every few minutes from 05:00 (late ones run past midnight), weekday/Saturday/Sunday services,
/// shape_dist_traveled in metres. Deterministic (fixed seed) so runs compare.
/// </summary>
internal static class SyntheticGtfsFeed
{
    private const int StopsPerTrip = 25;
    private const int Routes = 200;
    private const int Stops = 5000;

    public static string Write(string directory, long stopTimes)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(42);
        var inv = CultureInfo.InvariantCulture;
        var lat = new double[Stops];
        var lon = new double[Stops];
        using (var w = Open(directory, "stops.txt"))
        {
            w.Write("stop_id,stop_name,stop_lat,stop_lon\n");
            for (var s = 0; s < Stops; s++)
            {
                lat[s] = 49.35 + (random.NextDouble() * 0.2);
                lon[s] = 0.95 + (random.NextDouble() * 0.3);
                w.Write(string.Create(inv, $"S{s:00000},Arrêt {s},{lat[s]:F6},{lon[s]:F6}\n"));
            }
        }

        File.WriteAllText(Path.Combine(directory, "agency.txt"), "agency_id,agency_name,agency_url,agency_timezone\nA,Synthétique,https://example.org,Europe/Paris\n");
        File.WriteAllText(Path.Combine(directory, "calendar.txt"),
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            + "WK,1,1,1,1,1,0,0,20260105,20261231\nSA,0,0,0,0,0,1,0,20260105,20261231\nSU,0,0,0,0,0,0,1,20260105,20261231\n");
        var patterns = new int[Routes][];
        using (var w = Open(directory, "routes.txt"))
        {
            w.Write("route_id,agency_id,route_short_name,route_long_name,route_type\n");
            for (var r = 0; r < Routes; r++)
            {
                patterns[r] = Enumerable.Range(0, StopsPerTrip).Select(_ => random.Next(Stops)).ToArray();
                w.Write(string.Create(inv, $"R{r:000},A,{r},Ligne {r},3\n"));
            }
        }

        var trips = stopTimes / StopsPerTrip;
        using var tripsWriter = Open(directory, "trips.txt");
        using var st = Open(directory, "stop_times.txt");
        tripsWriter.Write("route_id,service_id,trip_id,direction_id\n");
        st.Write("trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled\n");
        var services = new[] { "WK", "WK", "WK", "SA", "SU" };
        for (long t = 0; t < trips; t++)
        {
            var route = (int)(t % Routes);
            var nth = t / Routes; // this route's nth trip
            var direction = (int)(nth % 2);
            var service = services[nth % services.Length];
            var tripId = string.Create(inv, $"T{t:0000000}");
            tripsWriter.Write(string.Create(inv, $"R{route:000},{service},{tripId},{direction}\n"));
            var time = (5 * 3600) + (int)(nth * 97 % (20 * 3600)); // 05:00 to ~25:00
            var dist = 0.0;
            var pattern = patterns[route];
            for (var k = 0; k < StopsPerTrip; k++)
            {
                var stop = pattern[direction == 0 ? k : StopsPerTrip - 1 - k];
                if (k > 0)
                {
                    time += 60 + random.Next(120);
                    dist += 300 + random.Next(700);
                }

                var hms = $"{time / 3600:00}:{time / 60 % 60:00}:{time % 60:00}";
                st.Write(string.Create(inv, $"{tripId},{hms},{hms},S{stop:00000},{k + 1},{dist:F1}\n"));
            }
        }

        return directory;
    }

    private static StreamWriter Open(string directory, string name) =>
        new(Path.Combine(directory, name), false, new UTF8Encoding(false), 1 << 20);
}
