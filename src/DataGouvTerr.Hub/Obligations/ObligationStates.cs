namespace DataGouvTerr.Hub.Obligations;

/// <summary>The values of <see cref="ObligationStatusRecord.State"/> and of <see cref="Access.SanctionRecord.Action"/>.</summary>
public static class ObligationStates
{
    public const string Compliant = "compliant";
    public const string Breached = "breached";
    public const string NotEvaluated = "not_evaluated";
    public const string ProbeFailed = "probe_failed";

    public const string Warning = "warning";
    public const string SuspendRights = "suspend_rights";
}
