using Facturix.Infrastructure.Database.LocalPostgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Infrastructure.Security;

public static class KeyEncryptionSetup
{
    /// <summary>PFX wrapping the Data Protection keys; the same file for every instance of one deployment.</summary>
    public const string CertificatePathKey = "Facturix:DataProtection:CertificatePath";

    /// <summary>Password of that PFX (optional; a generated PFX has none unless this is set when it is created).</summary>
    public const string CertificatePasswordKey = "Facturix:DataProtection:CertificatePassword";

    /// <summary>Name of the generated PFX inside the data folder (next to the embedded cluster's superuser password).</summary>
    public const string DefaultFileName = "data-protection.pfx";

    /// <summary>
    /// Encrypts the Data Protection keys kept in the database with a certificate kept outside it:
    /// <c>Facturix:DataProtection:CertificatePath</c> when set, otherwise <c>data-protection.pfx</c> in the data folder
    /// (<c>Facturix:DataDir</c>, or the embedded cluster's default folder). Outside Development with an external
    /// database, one of the two settings is required: a certificate generated in a container's throwaway file system
    /// would be lost at the next start, and every sign-in with it.
    /// </summary>
    public static IServiceCollection AddFacturixKeyEncryption(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        var path = CertificatePath(configuration, isDevelopment);
        var certificate = KeyEncryptionCertificate.LoadOrCreate(path, NullIfEmpty(configuration[CertificatePasswordKey]));
        // Also registers the certificate for decryption: no certificate store is involved (Linux has none for this).
        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }

    internal static string CertificatePath(IConfiguration configuration, bool isDevelopment)
    {
        if (NullIfEmpty(configuration[CertificatePathKey]) is { } configured)
            return configured;
        var dataDirectory = NullIfEmpty(configuration[EmbeddedPostgresSetup.DataDirectoryKey]);
        var embedded = string.Equals(configuration[EmbeddedPostgresSetup.EmbeddedDatabaseKey], "true", StringComparison.OrdinalIgnoreCase);
        if (dataDirectory is null && !embedded && !isDevelopment)
            throw new InvalidOperationException(
                $"With an external database, set {CertificatePathKey} (shared by every instance) or {EmbeddedPostgresSetup.DataDirectoryKey} " +
                "(a persistent folder): the certificate that encrypts the sign-in keys must survive restarts.");
        return Path.Combine(dataDirectory ?? LocalPostgresOptions.DefaultDataDirectory(), DefaultFileName);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
