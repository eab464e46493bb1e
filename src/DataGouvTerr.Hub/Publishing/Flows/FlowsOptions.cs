namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>Settings of flow publication, bound from the <c>Flows</c> section.</summary>
public sealed class FlowsOptions
{
    public const string Section = "Flows";

    /// <summary>
    /// Days back (beyond the longest delay of any right) the refresh job tries on every run, so a window missed while
    /// the hub was down is still released. A window already released is not rebuilt: late data does not reopen it.
    /// </summary>
    public int LookbackDays { get; set; } = 2;

    /// <summary>First/last-mile radius around stops when the right's resolution is not a grid (a grid's cell size is used otherwise).</summary>
    public int StopRadiusMeters { get; set; } = 200;

    /// <summary>Write each member's products to <c>{Store:DataDirectory}/outbox/{member}/{product}/</c>.</summary>
    public bool OutboxEnabled { get; set; } = true;

    /// <summary>Optional signed webhook per member id announcing new products.</summary>
    public Dictionary<string, FlowWebhookOptions> Webhooks { get; set; } = [];
}

/// <summary>Where and how to announce a member's new products: POST to <see cref="Url"/>, body signed with HMAC-SHA256 of <see cref="Secret"/>.</summary>
public sealed class FlowWebhookOptions
{
    public string? Url { get; set; }
    public string? Secret { get; set; }
}
