using DataGouvTerr.Benchmarks.Gbfs;
using DataGouvTerr.Benchmarks.Mds;

// Benchmark verbs: `dotnet run -c Release --project tests/DataGouvTerr.Benchmarks -- <verb> [args]`.
return args.FirstOrDefault() switch
{
    "gbfs" => await GbfsBenchmark.RunAsync(args[1..]),
    "mds" => await MdsPushBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGouvTerr.Benchmarks <verb> [args]; verbs: gbfs [seconds], mds [--store sqlite|postgres|both] [--events N] [--batch N] [--clients N]");
    return 2;
}
