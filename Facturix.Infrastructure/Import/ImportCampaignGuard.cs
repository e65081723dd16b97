using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// A completed or archived campaign takes no new leads (decisions 0084, 0092). The wizard only lists the others, which
/// guards nothing: a campaign closed while its wizard was open, or a call from elsewhere, went on to import. The upload
/// and the start refuse it here; the job checks again (<see cref="LeadImportRunner"/>) for a campaign closed while its
/// import queued, and closing a campaign stops the imports already running (<see cref="ImportArchiveStop"/>).
/// </summary>
internal static class ImportCampaignGuard
{
    public static void RefuseClosed(CampaignState state, Guid campaignId)
    {
        if (ImportErrors.CampaignClosed(state) is { } reason)
            throw new ConflictException(reason, $"Campaign {campaignId} is {state}: it takes no import.");
    }
}
