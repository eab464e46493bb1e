using DataGouvTerr.Benchmarks.Gbfs;
using DataGouvTerr.Benchmarks.Gtfs;

// Benchmark verbs: `dotnet run -c Release --project tests/DataGouvTerr.Benchmarks -- <verb> [args]`.
return args.FirstOrDefault() switch
{
    "gbfs" => await GbfsBenchmark.RunAsync(args[1..]),
    "gtfs" => GtfsBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGouvTerr.Benchmarks <verb> [args]; verbs: gbfs [seconds], gtfs [--stop-times N]");
    return 2;
}
