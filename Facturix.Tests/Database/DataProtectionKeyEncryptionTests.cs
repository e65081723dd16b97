using System.Runtime.Versioning;
using System.Security.Cryptography;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Security;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Database;

/// <summary>
/// The Data Protection key ring stays in the database, but wrapped by a certificate that is not in it: a database
/// dump alone signs nobody in. Each "instance" here is a fresh service provider wired the way Program.cs wires the app.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DataProtectionKeyEncryptionTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"facturix-dp-{Guid.NewGuid():N}");
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestCluster.CreateMigratedDatabaseAsync("dpkeys");

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Keys_in_the_database_are_encrypted_and_only_an_instance_with_the_certificate_reads_them()
    {
        var certificate = Path.Combine(_folder, "shared", KeyEncryptionSetup.DefaultFileName);
        string payload;
        await using (var first = Instance(certificate))
            payload = Protector(first).Protect("sign-in ticket");

        await using (var db = FacturixDbOptions.CreateContext(_connectionString))
        {
            var rows = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(rows);
            Assert.All(rows, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal); // the plaintext form of the key
            });
        }

        await using (var sameCertificate = Instance(certificate))
            Assert.Equal("sign-in ticket", Protector(sameCertificate).Unprotect(payload));

        await using var otherCertificate = Instance(Path.Combine(_folder, "other", KeyEncryptionSetup.DefaultFileName));
        Assert.ThrowsAny<CryptographicException>(() => Protector(otherCertificate).Unprotect(payload));
    }

    [Fact]
    public void The_generated_certificate_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(_folder, "generated", KeyEncryptionSetup.DefaultFileName);

        using var certificate = KeyEncryptionCertificate.LoadOrCreate(path, password: null);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_certificate_others_can_read_is_refused()
    {
        var path = Path.Combine(_folder, "loose", KeyEncryptionSetup.DefaultFileName);
        KeyEncryptionCertificate.LoadOrCreate(path, password: null).Dispose();
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Throws<InvalidOperationException>(() => KeyEncryptionCertificate.Load(path, password: null));
    }

    [Fact]
    public void Outside_Development_an_external_database_needs_a_certificate_path_or_a_data_folder()
    {
        var nothing = new ConfigurationBuilder().Build();
        var dataDir = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Facturix:DataDir"] = "/srv/facturix" }).Build();

        Assert.Throws<InvalidOperationException>(() => KeyEncryptionSetup.CertificatePath(nothing, isDevelopment: false));
        Assert.Equal("/srv/facturix/data-protection.pfx", KeyEncryptionSetup.CertificatePath(dataDir, isDevelopment: false));
    }

    private ServiceProvider Instance(string certificatePath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [KeyEncryptionSetup.CertificatePathKey] = certificatePath })
            .Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddFacturixInfrastructure(_connectionString)
            .AddFacturixKeyEncryption(configuration, isDevelopment: false)
            .BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Facturix.Tests");
}
