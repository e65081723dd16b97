using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// An archived campaign takes no new leads (decision 0084). The wizard only lists the others, which guards nothing: a
/// campaign archived while its wizard was open, or a call from elsewhere, went on to import. The upload and the start
/// refuse it here; the job checks again (<see cref="LeadImportRunner"/>) for a campaign archived while its import queued.
/// </summary>
internal static class ImportCampaignGuard
{
    public static void RefuseArchived(CampaignState state, Guid campaignId)
    {
        if (state == CampaignState.Archived)
            throw new ConflictException(ImportErrors.CampaignArchived, $"Campaign {campaignId} is archived: it takes no import.");
    }
}
