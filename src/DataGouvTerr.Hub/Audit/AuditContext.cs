using DataGouvTerr.Domain.Access;

namespace DataGouvTerr.Hub.Audit;

/// <summary>What the request pipeline learns about a request for its audit line (product, decision, rows).</summary>
public sealed class AuditContext
{
    private const string Key = "dgt:audit";

    public string? Product { get; set; }
    public AccessDecision? Decision { get; set; }
    public int? RowsReturned { get; set; }
    public string? SourceFeeds { get; set; }

    public static AuditContext Of(HttpContext context)
    {
        if (context.Items[Key] is not AuditContext audit)
        {
            audit = new AuditContext();
            context.Items[Key] = audit;
        }
        return audit;
    }
}
