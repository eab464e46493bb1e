namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>The store providers every store-touching test runs on: the same test, both answers.</summary>
public static class StoreProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> All => new() { Sqlite, Postgres };
}
