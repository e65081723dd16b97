using System.Text;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.Import;

/// <summary>The wizard's first steps against the real database: an admin, a campaign, uploads cleaned up after each test.</summary>
public abstract class ImportFilesTest(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private protected readonly ImportTestFiles files = new();
    protected readonly List<Guid> uploads = [];
    protected Actor admin = null!;
    protected Account account = null!;
    protected Campaign campaign = null!;

    protected IImportFiles Files => Get<IImportFiles>();
    protected ImportFileOptions Options => Fixture.Services.GetRequiredService<IOptions<ImportFileOptions>>().Value;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        admin = await Given.UserAsync(Roles.Admin);
        account = await Given.AccountAsync();
        campaign = await Given.CampaignAsync(account);
    }

    public override async Task DisposeAsync()
    {
        await using (var db = NewDb())
            foreach (var path in await db.Imports.Where(i => uploads.Contains(i.Id)).Select(i => i.StoredPath).ToListAsync())
                File.Delete(path);
        files.Dispose();
        await base.DisposeAsync();
    }

    protected async Task<ImportUpload> UploadAsync(string name, byte[] content, Actor? actor = null)
    {
        var upload = await Files.UploadAsync(actor ?? admin, campaign.Id, name, content.Length, new MemoryStream(content));
        uploads.Add(upload.ImportId);
        return upload;
    }

    protected Task<ImportUpload> UploadAsync(string name, string content, Encoding? encoding = null, bool bom = false) =>
        UploadAsync(name, [.. (bom ? (encoding ?? Encoding.UTF8).GetPreamble() : []), .. (encoding ?? Encoding.UTF8).GetBytes(content)]);

    protected async Task<ImportPreview> PreviewAsync(string name, string content, Encoding? encoding = null, bool bom = false) =>
        await Files.PreviewAsync(admin, (await UploadAsync(name, content, encoding, bom)).ImportId, null);

    protected string[] StoredFiles() => Directory.Exists(Options.Directory) ? Directory.GetFiles(Options.Directory) : [];

    /// <summary>
    /// A refused upload leaves no import and no file behind. Other test classes (and the app of the browser tests) store
    /// files in the same folder meanwhile, so the check looks for these bytes, not for an unchanged folder.
    /// </summary>
    protected async Task AssertNothingStoredAsync(byte[] refused)
    {
        Assert.DoesNotContain(StoredFiles(), f => new FileInfo(f).Length == refused.Length && File.ReadAllBytes(f).AsSpan().SequenceEqual(refused));
        await using var db = NewDb();
        Assert.False(await db.Imports.AnyAsync(i => i.CampaignId == campaign.Id));
    }
}
