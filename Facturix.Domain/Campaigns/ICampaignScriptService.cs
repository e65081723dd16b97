using Facturix.Domain.Users;

namespace Facturix.Domain.Campaigns;

/// <summary>One objection/answer pair as stored, in <see cref="SortOrder"/>.</summary>
public sealed record ScriptObjection(string Objection, string Answer, int SortOrder);

/// <summary>
/// A campaign's script as read: the Markdown, its objections in order, the campaign's row <see cref="Version"/> (pass
/// it back to <see cref="ICampaignScriptService.SaveAsync"/>) and the <see cref="Sample"/> the preview is filled with.
/// </summary>
public sealed record CampaignScript(
    Guid CampaignId, string Script, IReadOnlyList<ScriptObjection> Objections, uint Version, ScriptSample Sample);

/// <summary>The call script and objection handling of a campaign (backlog 2.2.3).</summary>
public interface ICampaignScriptService
{
    /// <summary>
    /// Any active staff member with the campaign in scope (BDs read the script they call with). The sample is the
    /// campaign's first lead when the reader may see leads, else <see cref="ScriptSample.Example"/>; BdName is the reader.
    /// </summary>
    Task<CampaignScript> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>
    /// Replaces the script and every objection in one transaction (<see cref="Capability.CampaignsConfigure"/>, campaign
    /// in scope). <paramref name="expectedVersion"/> is the version that was read: if someone saved since, a
    /// <c>ConflictException</c> with <c>ErrorCodes.Concurrency</c> and nothing is written. Returns the new version.
    /// </summary>
    Task<uint> SaveAsync(Actor actor, Guid campaignId, CampaignScriptInput input, uint expectedVersion, CancellationToken ct = default);
}
