namespace Facturix.Domain.Leads.Duplicates;

/// <summary>Why leads were grouped as likely duplicates (backlog 2.3.6); keys from <see cref="Cleanup.DuplicateKeys"/>.</summary>
public enum DuplicateReason
{
    Email,
    Phone,
    Siren,
    WebsiteDomain,
    NameAndCompany,
}
