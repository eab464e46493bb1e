using DataGouvTerr.Benchmarks.Audit;
using DataGouvTerr.Benchmarks.Flows;
using DataGouvTerr.Benchmarks.Gbfs;
using DataGouvTerr.Benchmarks.Gtfs;
using DataGouvTerr.Benchmarks.Mds;

// Benchmark verbs: `dotnet run -c Release --project tests/DataGouvTerr.Benchmarks -- <verb> [args]`.
return args.FirstOrDefault() switch
{
    "gbfs" => await GbfsBenchmark.RunAsync(args[1..]),
    "gtfs" => GtfsBenchmark.Run(args[1..]),
    "gtfs-load" => await LoadBenchmark.RunAsync(args[1..]),
    "mds" => await MdsPushBenchmark.RunAsync(args[1..]),
    "flows" => await FlowsBenchmark.RunAsync(args[1..]),
    "flows-query" => await FlowsQueryBenchmark.RunAsync(args[1..]),
    "audit" => await AuditBenchmark.RunAsync(args[1..]),
    "privacy-utility" => await PrivacyUtilityBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGouvTerr.Benchmarks <verb> [args]; verbs:");
    Console.Error.WriteLine("  gbfs [seconds]");
    Console.Error.WriteLine("  gtfs [--stop-times N]");
    Console.Error.WriteLine("  gtfs-load [--stop-times N] [--store sqlite|postgres|both] [--baseline-rows N]");
    Console.Error.WriteLine("  mds [--store sqlite|postgres|both] [--events N] [--batch N] [--clients N] [--devices N]");
    Console.Error.WriteLine("  flows [trips]");
    Console.Error.WriteLine("  flows-query [--store sqlite|postgres|both] [--days N] [--requests N]");
    Console.Error.WriteLine("  audit [--store sqlite|postgres|both] [--requests N]");
    Console.Error.WriteLine("  privacy-utility [--days N] [--seed S] [--contract FILE]");
    return 2;
}
