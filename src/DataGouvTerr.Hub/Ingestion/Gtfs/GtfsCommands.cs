using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.GtfsKit.Reading;
using DataGouvTerr.GtfsKit.Statistics;
using DataGouvTerr.GtfsKit.Validation;
using DataGouvTerr.GtfsKit.Validation.Report;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// <c>gtfs validate FEED [--out report.json] [--html report.html]</c>: the GtfsKit validator on a zip or folder, with a
/// summary on the console; exits 1 when the feed has errors, 2 when it cannot be read at all.
/// </summary>
internal sealed class GtfsValidateCommand(TimeProvider clock) : ICliCommand
{
    public bool UsesStore => false;

    public Command Build()
    {
        var feed = new Argument<FileSystemInfo>("FEED") { Description = "GTFS zip file or folder." };
        var json = new Option<FileInfo?>("--out") { Description = "Write the full report as JSON here." };
        var html = new Option<FileInfo?>("--html") { Description = "Write a readable HTML report here." };
        var validate = new Command("validate", "Validate a GTFS feed (MobilityData notice codes) and summarise the notices.") { feed, json, html };
        validate.SetAction(parse =>
        {
            var path = parse.GetValue(feed)!.FullName;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file or folder");
                return 2;
            }
            var progress = new ConsoleProgress();
            var watch = Stopwatch.StartNew();
            var report = GtfsValidator.Validate(path, new GtfsValidationOptions { TimeProvider = clock, Progress = progress });
            progress.Done();
            ValidationReportWriter.WriteSummary(report, Console.Out);
            if (parse.GetValue(json) is { } jsonFile)
            {
                using var stream = File.Create(jsonFile.FullName);
                ValidationReportWriter.WriteJson(report, stream);
                Console.WriteLine($"JSON report: {jsonFile.FullName}");
            }
            if (parse.GetValue(html) is { } htmlFile)
            {
                using var stream = File.Create(htmlFile.FullName);
                ValidationReportWriter.WriteHtml(report, stream);
                Console.WriteLine($"HTML report: {htmlFile.FullName}");
            }
            Console.WriteLine($"Validated in {watch.Elapsed.TotalSeconds:0.0} s.");
            return report.HasErrors ? 1 : 0;
        });
        return new Command("gtfs", "GTFS tools: validate a feed, compute gtfs_kit statistics.") { validate };
    }
}

/// <summary>
/// <c>gtfs stats FEED --date YYYYMMDD [--date …] [--dist-units km|mi|m|ft] --out DIR</c>: gtfs_kit 12's statistics
/// written as CSV files with its column names.
/// </summary>
internal sealed class GtfsStatsCommand : ICliCommand
{
    public bool UsesStore => false;

    public Command Build()
    {
        var feed = new Argument<FileSystemInfo>("FEED") { Description = "GTFS zip file or folder." };
        var dates = new Option<string[]>("--date") { Description = "Service date YYYYMMDD; repeat for several.", Required = true, AllowMultipleArgumentsPerToken = false };
        var units = new Option<string?>("--dist-units") { Description = "Distance units of the feed's shape_dist_traveled: km, mi, m or ft. Without it they are inferred from the feed, or the command refuses." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the CSV files (created if needed).", Required = true };
        var splitDirections = new Option<bool>("--split-directions") { Description = "Separate route, stop and time-series statistics by direction_id." };
        var stats = new Command("stats", "Compute gtfs_kit statistics (trip, route, stop, network, time series) for the given dates.")
        {
            feed, dates, units, output, splitDirections,
        };
        stats.SetAction(parse =>
        {
            var path = parse.GetValue(feed)!.FullName;
            var unit = parse.GetValue(units);
            if (unit is not null && !DistanceUnits.IsValid(unit))
            {
                Console.Error.WriteLine($"--dist-units: '{unit}' is not one of {string.Join(", ", DistanceUnits.All)}");
                return 2;
            }
            var parsed = new List<DateOnly>();
            foreach (var text in parse.GetValue(dates) ?? [])
            {
                if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Console.Error.WriteLine($"--date: '{text}' is not a date in the form YYYYMMDD");
                    return 2;
                }
                parsed.Add(date);
            }
            var progress = new ConsoleProgress();
            var watch = Stopwatch.StartNew();
            GtfsFeed gtfs;
            try
            {
                gtfs = GtfsFeed.Read(path, new GtfsReadOptions { DistUnits = unit ?? "km", Progress = progress.Report });
            }
            catch (GtfsReadException ex)
            {
                progress.Done();
                Console.Error.WriteLine($"{path}: {ex.Message}");
                return 2;
            }
            progress.Done();
            if (unit is null)
            {
                // GTFS does not state the unit of shape_dist_traveled; a wrong guess scales every distance and speed.
                var inferred = DistanceUnitInference.Infer(gtfs);
                if (inferred.Units is null)
                {
                    Console.Error.WriteLine($"{path}: the unit of shape_dist_traveled cannot be inferred ({inferred.Explanation}); give it with --dist-units km|m|mi|ft.");
                    return 2;
                }
                Console.WriteLine($"Distance units: {inferred.Units}, inferred ({inferred.Explanation}); --dist-units overrides.");
                gtfs = gtfs.WithDistUnits(inferred.Units);
            }
            var read = watch.Elapsed;
            var summary = StatsCsvWriter.WriteAll(parse.GetValue(output)!.FullName, gtfs, parsed,
                StatsOptions.Default with { SplitDirections = parse.GetValue(splitDirections) });
            foreach (var (file, rows) in summary.RowsByFile)
            {
                Console.WriteLine($"{file,-24} {rows,9} rows");
            }
            if (summary.Dates.Count < parsed.Count)
            {
                Console.WriteLine($"Note: {parsed.Count - summary.Dates.Count} date(s) have no active service in the feed.");
            }
            Console.WriteLine($"Read in {read.TotalSeconds:0.00} s, statistics in {(watch.Elapsed - read).TotalSeconds:0.00} s → {parse.GetValue(output)!.FullName}");
            return 0;
        });
        return new Command("gtfs", "GTFS tools: validate a feed, compute gtfs_kit statistics.") { stats };
    }
}

/// <summary>Progress on stderr for large feeds: one line per file, rewritten in place, at most a few times a second.</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _wrote;

    public void Report(string value) => Write(value);

    public void Report(string file, long rows) => Write($"reading {file}: {rows:N0} rows");

    private void Write(string text)
    {
        if (Console.IsErrorRedirected || _sinceLast.ElapsedMilliseconds < 250)
        {
            return;
        }
        _sinceLast.Restart();
        Console.Error.Write($"\r{text,-70}");
        _wrote = true;
    }

    public void Done()
    {
        if (_wrote)
        {
            Console.Error.Write($"\r{new string(' ', 70)}\r");
        }
    }
}
