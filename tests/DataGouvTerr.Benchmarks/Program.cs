using DataGouvTerr.Benchmarks.Flows;

// One verb per benchmark: dotnet run -c Release --project tests/DataGouvTerr.Benchmarks -- <verb> [args]
return args.FirstOrDefault() switch
{
    "flows" => FlowsBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DataGouvTerr.Benchmarks <verb> [args]; verbs: flows [trips]");
    return 2;
}
