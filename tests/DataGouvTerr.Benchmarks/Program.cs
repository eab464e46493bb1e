using DataGouvTerr.Benchmarks.Flows;
using DataGouvTerr.Benchmarks.Gbfs;

// Benchmark verbs: `dotnet run -c Release --project tests/DataGouvTerr.Benchmarks -- <verb> [args]`.
return args.FirstOrDefault() switch
{
    "gbfs" => await GbfsBenchmark.RunAsync(args[1..]),
    "flows" => await FlowsBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGouvTerr.Benchmarks <verb> [args]; verbs: gbfs [seconds], flows [trips]");
    return 2;
}
