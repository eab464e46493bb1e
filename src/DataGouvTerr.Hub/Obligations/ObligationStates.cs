namespace DataGouvTerr.Hub.Obligations;

/// <summary>The values of <see cref="ObligationStatusRecord.State"/> and of <see cref="Access.SanctionRecord.Action"/>.</summary>
public static class ObligationStates
{
    public const string Compliant = "compliant";
    public const string Breached = "breached";
    public const string NotEvaluated = "not_evaluated";
    public const string ProbeFailed = "probe_failed";
    /// <summary>In force but still within its grace period: not judged yet.</summary>
    public const string InGrace = "in_grace";

    /// <summary>First step of every ladder: the breach is observed and announced, nothing is suspended.</summary>
    public const string Notice = "notice";

    public const string Warning = "warning";
    public const string SuspendRights = "suspend_rights";
}
