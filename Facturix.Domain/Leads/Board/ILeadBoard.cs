using Facturix.Domain.Users;

namespace Facturix.Domain.Leads.Board;

/// <summary>
/// The card view of <c>/leads</c>: the leads of one campaign by its own statuses (backlog 1). Reads need
/// <see cref="Capability.LeadsRead"/>, moves <see cref="Capability.LeadsEdit"/>, both within the actor's scope.
/// </summary>
public interface ILeadBoard
{
    /// <summary>
    /// One column per status of <see cref="LeadListQuery.CampaignId"/> (required), in the campaign's order, each with its
    /// count and its first <paramref name="cardsPerColumn"/> cards (highest score first). The query's other filters apply.
    /// A campaign outside the actor's scope is not found.
    /// </summary>
    Task<LeadBoardData> GetAsync(Actor actor, LeadListQuery query, int cardsPerColumn = LeadBoardData.DefaultCardsPerColumn, CancellationToken ct = default);

    /// <summary>
    /// Moves the lead to another status of its campaign (the stage follows the status) and logs a status activity.
    /// <paramref name="expectedVersion"/> is the card's <see cref="LeadBoardCard.Version"/>: a lead changed since then is a
    /// conflict. Returns the lead's new version.
    /// </summary>
    Task<uint> MoveAsync(Actor actor, Guid leadId, Guid toStatusId, uint expectedVersion, CancellationToken ct = default);
}

/// <summary>A lead on the board.</summary>
public sealed record LeadBoardCard(
    Guid Id, Guid StatusId, string? FirstName, string? LastName, string Company, int Score, string? OwnerName, uint Version)
{
    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>A status of the campaign and the leads in it: <see cref="Count"/> of them, the first ones as <see cref="Cards"/>.</summary>
public sealed record LeadBoardColumn(
    Guid StatusId, string Key, string Label, LeadStatus Stage, string? Color, long Count, IReadOnlyList<LeadBoardCard> Cards)
{
    public StatusCategory Category => Stage.Category();

    /// <summary>More leads than cards: the column links to the table filtered by its status.</summary>
    public bool HasMore => Count > Cards.Count;
}

/// <summary>
/// The board of one campaign. <see cref="Unplaced"/> counts matching leads whose stage has no status in the campaign
/// (the table shows them; the board says how many).
/// </summary>
public sealed record LeadBoardData(Guid CampaignId, IReadOnlyList<LeadBoardColumn> Columns, long Unplaced)
{
    public const int DefaultCardsPerColumn = 50;
    public const int MaxCardsPerColumn = 200;

    public static LeadBoardData Empty(Guid campaignId) => new(campaignId, [], 0);
}

/// <summary>A status of the campaign as the board places leads: its id and the global stage it maps onto.</summary>
public sealed record BoardStatus(Guid Id, LeadStatus Stage);

/// <summary>
/// Which column a lead sits in (pure, shared by the service's counts and the tests): its own campaign status when that
/// is one of the campaign's; otherwise (no campaign status yet, e.g. imported leads) the first status, in the campaign's
/// order, mapped onto the lead's stage; null when the campaign has no status for that stage.
/// </summary>
public static class LeadBoardPlacement
{
    public static Guid? ColumnOf(Guid? campaignStatusId, LeadStatus stage, IReadOnlyList<BoardStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (campaignStatusId is { } id && statuses.Any(s => s.Id == id)) return id;
        return statuses.FirstOrDefault(s => s.Stage == stage)?.Id;
    }

    /// <summary>Stages whose leads without a campaign status fall into <paramref name="statusId"/> (it is the first status of that stage).</summary>
    public static bool CatchesStage(Guid statusId, IReadOnlyList<BoardStatus> statuses)
    {
        var status = statuses.FirstOrDefault(s => s.Id == statusId);
        return status is not null && statuses.First(s => s.Stage == status.Stage).Id == statusId;
    }
}
