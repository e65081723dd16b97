using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Facturix.Infrastructure.Security;

/// <summary>
/// The certificate that wraps the Data Protection keys stored in the database (docs/decisions/0005). It lives outside
/// the database on purpose: a database dump alone then reveals no key. Generated once (self-signed, RSA 3072) and
/// kept as a PFX readable by its owner only, or supplied by the deployment for several instances.
/// </summary>
public static class KeyEncryptionCertificate
{
    private const string Subject = "CN=Facturix Data Protection key encryption";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Loads the PFX at <paramref name="path"/>, creating it first (mode 0600) when it does not exist.</summary>
    public static X509Certificate2 LoadOrCreate(string path, string? password)
    {
        if (!File.Exists(path))
            TryCreate(path, password);
        return Load(path, password);
    }

    public static X509Certificate2 Load(string path, string? password)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            throw new InvalidOperationException(
                $"{path} protects the sign-in keys and must be readable by its owner only (chmod 600 {path}).");
        // Ephemeral: the private key stays in memory, nothing is written to a user key store.
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void TryCreate(string path, string? password)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }

        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(Subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        // Data Protection does not check the validity dates of its key-encryption certificate; a long life avoids
        // a needless rotation (rotating means keeping the old certificate to read the old keys).
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var pfx = certificate.Export(X509ContentType.Pkcs12, password);

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        try
        {
            using var file = new FileStream(path, options);
            file.Write(pfx);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the folder created it first: use theirs.
        }
    }
}
