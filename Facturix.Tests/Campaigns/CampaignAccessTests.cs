using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// Who may do what with a campaign: a BD reads the campaigns assigned to them and edits none, a manager works only
/// within their own accounts; outside their reach a campaign does not exist.
/// </summary>
public sealed class CampaignAccessTests(DatabaseFixture fixture) : CampaignServiceTest(fixture)
{
    [Fact]
    public async Task A_BD_may_read_an_assigned_campaign_but_not_edit_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        bd = await Given.ActorAsync(bd.UserId);
        var version = await VersionOf(campaign.Id);

        var details = await Campaigns.GetAsync(bd, campaign.Id);
        Assert.False(details.CanConfigure);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Campaigns.UpdateAsync(bd, campaign.Id, new CampaignInput { Name = "Renommée" }, version));
        Assert.Equal(Capability.CampaignsConfigure, error.Missing);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Campaigns.UpdateSettingsAsync(bd, campaign.Id, new CampaignSettingsInput(), version));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Campaigns.ChangeStateAsync(bd, campaign.Id, CampaignState.Paused, version));
        Assert.Equal(campaign.Name, (await NewDb().Campaigns.SingleAsync(c => c.Id == campaign.Id)).Name);
    }

    [Fact]
    public async Task A_BD_reading_a_campaign_not_assigned_to_them_is_told_it_does_not_exist()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());

        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.GetAsync(bd, campaign.Id));
        Assert.Empty((await Campaigns.ListAsync(bd, new CampaignQuery(), new PageRequest())).Items);
    }

    [Fact]
    public async Task A_manager_cannot_touch_campaigns_or_accounts_outside_their_own()
    {
        var account = await Given.AccountAsync();
        var theirs = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), theirs);
        var campaign = await Given.CampaignAsync(account);
        var version = await VersionOf(campaign.Id);

        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.GetAsync(manager, campaign.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.UpdateSettingsAsync(manager, campaign.Id, new CampaignSettingsInput(), version));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.CreateAsync(manager, NewCampaign(account.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Campaigns.CopyAsync(manager, campaign.Id, "Copie"));
        Assert.Equal([theirs.Id], (await Campaigns.ListAccountChoicesAsync(manager, null)).Select(a => a.Id));

        var own = await Campaigns.CreateAsync(manager, NewCampaign(theirs.Id));
        Assert.Equal([own], (await Campaigns.ListAsync(manager, new CampaignQuery(), new PageRequest())).Items.Select(r => r.Id));
    }
}
