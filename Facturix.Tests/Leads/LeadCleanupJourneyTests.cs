using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Leads;

/// <summary>The issue 13 clean-up journey (backlog 2.3.5): preview a campaign's clean-up, apply it, undo it.</summary>
public sealed class LeadCleanupJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_previews_applies_and_undoes_the_clean_up_of_a_campaigns_leads()
    {
        // A campaign of its own (the browser tests share the demo database), with typed mess in every field.
        var admin = await App.ActorAsync("admin@facturix.local");
        var accountId = await App.Get<IAccountService>().CreateAsync(admin, new AccountInput { Name = $"Nettoyage {Guid.NewGuid():N}" });
        var campaignId = await App.Get<ICampaignService>().CreateAsync(admin, new CampaignInput { AccountId = accountId, Name = "Salon 2026" });
        var now = DateTimeOffset.UtcNow;
        var leads = Enumerable.Range(0, 3).Select(i => new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaignId, AccountId = accountId,
            FirstName = $"  jean-{(char)('a' + i)} ", LastName = "DUPONT", Company = "Acme",
            Email = $" Jean{i}@ACME.FR", Phone = $"06 12 34 56 7{i}", Country = "fr", CreatedAt = now, UpdatedAt = now,
        }).ToList();
        var dbFactory = App.Get<IDbContextFactory<FacturixDb>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Leads.AddRange(leads);
            await db.SaveChangesAsync();
        }

        var page = await SignedInPageAsync("admin@facturix.local", at: $"/leads?campaign={campaignId}");
        await Expect(page.GetByTestId("lead-row")).ToHaveCountAsync(3);

        // No row ticked: the button acts on the whole filtered campaign. The preview lists 3 leads x 5 fields.
        await Expect(page.GetByTestId("cleanup-open")).ToHaveAttributeAsync("data-scope", "campaign");
        await page.GetByTestId("cleanup-open").ClickAsync();
        var dialog = page.GetByTestId("cleanup-dialog");
        await Expect(dialog.GetByTestId("cleanup-total")).ToHaveAttributeAsync("data-value", "15");
        await Expect(dialog.Locator("[data-testid='cleanup-preview-row'][data-field='phone']")).ToHaveCountAsync(3);
        await Expect(dialog.Locator("[data-testid='cleanup-preview-row'][data-field='email'] .fx-cleanup-after[data-value='jean0@acme.fr']"))
            .ToHaveCountAsync(1);

        // Names left alone this time.
        await dialog.Locator("[data-testid='cleanup-option'][data-option='names'] input").UncheckAsync();
        await Expect(dialog.GetByTestId("cleanup-total")).ToHaveAttributeAsync("data-value", "9");
        await Expect(dialog.Locator("[data-testid='cleanup-preview-row'][data-field='first-name']")).ToHaveCountAsync(0);
        await page.GetByTestId("cleanup-apply").ClickAsync();

        var undo = page.GetByTestId("cleanup-undo");
        await Expect(undo).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='toast'][data-severity='success']")).ToBeVisibleAsync();
        var cleaned = await LeadsAsync(dbFactory, campaignId);
        Assert.All(cleaned, l => Assert.Equal("FR", l.Country));
        Assert.All(cleaned, l => Assert.StartsWith("+3361234567", l.Phone));
        Assert.All(cleaned, l => Assert.Equal(l.Email!.Trim().ToLowerInvariant(), l.Email));
        Assert.All(cleaned, l => Assert.Equal("DUPONT", l.LastName));
        await using (var db = await dbFactory.CreateDbContextAsync())
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "leads.cleaned" && a.ActorId == admin.UserId));

        await undo.ClickAsync();

        await Expect(page.Locator("[data-testid='toast'][data-severity='success']").Filter(new() { HasText = "annulé" })).ToBeVisibleAsync();
        var restored = await LeadsAsync(dbFactory, campaignId);
        Assert.All(restored, l => Assert.Equal(leads.Single(o => o.Id == l.Id).Email, l.Email));
        Assert.All(restored, l => Assert.Equal(leads.Single(o => o.Id == l.Id).Phone, l.Phone));
        Assert.All(restored, l => Assert.Equal("fr", l.Country));

        // The dialog's recent list shows the batch as undone.
        await page.GetByTestId("cleanup-open").ClickAsync();
        await Expect(page.GetByTestId("cleanup-recent-row").First).ToHaveAttributeAsync("data-undone", "true");
    }

    private static async Task<List<Lead>> LeadsAsync(IDbContextFactory<FacturixDb> dbFactory, Guid campaignId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Leads.AsNoTracking().Where(l => l.CampaignId == campaignId).ToListAsync();
    }
}
