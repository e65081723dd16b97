namespace Facturix.Domain.Accounts;

/// <summary>Where the client relationship stands. Archiving is separate (<see cref="Account.ArchivedAt"/>).</summary>
public enum AccountStatus
{
    Onboarding = 0,
    Active = 1,
    OnHold = 2,
    Churned = 3,
}
