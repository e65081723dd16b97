using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Gives every demo campaign the default status set and call outcomes (<see cref="CampaignDefaults"/>) and points each
/// lead at the status of its stage, as a campaign created in the app would have them. Ids come from a random stream of
/// its own (seeded from the demo seed), so the main stream, hence every other generated value, is unchanged.
/// </summary>
internal sealed class DemoCampaignSetupBuilder(DemoGenerationContext context)
{
    private readonly Random _random = new(unchecked(context.Options.Seed * 31 + 2_003));
    private readonly DemoDataSet _set = context.Set;

    public void CreateStatusesAndOutcomes()
    {
        foreach (var campaign in _set.Campaigns)
        {
            var byKey = new Dictionary<string, CampaignStatus>(StringComparer.Ordinal);
            var order = 0;
            foreach (var template in CampaignDefaults.Statuses)
            {
                var status = new CampaignStatus
                {
                    Id = DemoIdentifiers.UuidV7(campaign.CreatedAt, _random),
                    CampaignId = campaign.Id,
                    Key = template.Key,
                    Label = template.Label,
                    Stage = template.Stage,
                    Color = template.Color,
                    SortOrder = order++,
                };
                byKey[template.Key] = status;
                _set.CampaignStatuses.Add(status);
            }

            order = 0;
            foreach (var template in CampaignDefaults.Outcomes)
            {
                var target = template.TargetStatusKey is { } key ? byKey[key] : null;
                _set.CampaignOutcomes.Add(new CampaignOutcome
                {
                    Id = DemoIdentifiers.UuidV7(campaign.CreatedAt, _random),
                    CampaignId = campaign.Id,
                    Key = template.Key,
                    Label = template.Label,
                    Hotkey = template.Hotkey,
                    SortOrder = order++,
                    TargetCampaignStatusId = target?.Id,
                    TargetStatus = target?.Stage,
                    CallbackDelayMinutes = template.CallbackDelayMinutes,
                    RequiresCallbackDate = template.RequiresCallbackDate,
                    RequiresNote = template.RequiresNote,
                    CountsAsContact = template.CountsAsContact,
                    CountsAsConversion = template.CountsAsConversion,
                });
            }
        }

        // One default status per stage: a lead's status is the one of its stage.
        var byStage = _set.CampaignStatuses.ToDictionary(s => (s.CampaignId, s.Stage), s => s.Id);
        foreach (var lead in _set.Leads)
            lead.CampaignStatusId = byStage.TryGetValue((lead.CampaignId, lead.Status), out var id) ? id : null;
    }
}
