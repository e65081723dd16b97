using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Leads.Duplicates;

/// <summary>
/// Duplicate groups found by the scan, the merge wizard and its undo (backlog 2.3.6). Every method needs
/// <see cref="Capability.LeadsBulk"/> (managers and admins by default, docs/decisions/0041): a merge deletes a lead and
/// moves its history, which is a many-record change like a bulk action, not a BD's edit of one lead.
/// Only leads in the actor's scope are shown or touched; a group is listed when at least two of its members are.
/// </summary>
public interface IDuplicateService
{
    /// <summary>Open (not dismissed) groups with at least two members in scope, newest first; members outside scope are left out.</summary>
    Task<PagedResult<DuplicateGroupView>> ListGroupsAsync(Actor actor, PageRequest page, CancellationToken ct = default);

    /// <summary>Both leads' mergeable fields side by side, with what would move (activities, tasks).</summary>
    Task<MergePreview> PreviewMergeAsync(Actor actor, Guid survivorId, Guid mergedId, CancellationToken ct = default);

    /// <summary>
    /// Keeps <paramref name="survivorId"/> with, for each field in <paramref name="takeFromMerged"/>, the merged lead's
    /// value; moves the merged lead's activities and tasks to it; deletes the merged lead; records a <see cref="LeadMerge"/>.
    /// Returns the merge's id (for undo). Both leads must be in scope and of the same account.
    /// </summary>
    Task<Guid> MergeAsync(Actor actor, Guid survivorId, Guid mergedId, IReadOnlySet<MergeField> takeFromMerged, CancellationToken ct = default);

    /// <summary>Restores the merged lead with its id, moves exactly the activities and tasks the merge moved back, and restores the survivor's fields.</summary>
    Task UndoMergeAsync(Actor actor, Guid mergeId, CancellationToken ct = default);

    /// <summary>The latest merges (not undone) whose survivor is in scope, newest first.</summary>
    Task<IReadOnlyList<LeadMergeView>> RecentMergesAsync(Actor actor, int take = 10, CancellationToken ct = default);

    /// <summary>"Not duplicates": the group is hidden, and a rescan keeps it hidden while its members stay the same.</summary>
    Task DismissAsync(Actor actor, Guid groupId, CancellationToken ct = default);

    /// <summary>Starts a full scan now (the nightly job's work); <see cref="LiveEvents.DuplicatesScanned"/> announces its end.</summary>
    Task RequestScanAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Whether a scan is running now (on any instance).</summary>
    Task<bool> IsScanRunningAsync(Actor actor, CancellationToken ct = default);
}

/// <summary>The fields a person picks, one by one, in the merge wizard.</summary>
public enum MergeField
{
    FirstName,
    LastName,
    JobTitle,
    Company,
    Email,
    Phone,
    Country,
    City,
    Siren,
    Website,
}

public sealed record DuplicateGroupView(
    Guid Id, DuplicateReason Reason, string MatchKey, DateTimeOffset DetectedAt, IReadOnlyList<DuplicateMemberView> Members);

public sealed record DuplicateMemberView(
    Guid LeadId, string Name, string Company, string? Email, string? Phone, string CampaignName, LeadStatus Status, DateTimeOffset CreatedAt);

/// <summary>The two leads' values per field (null = empty), and how many activities and tasks the merged lead would hand over.</summary>
public sealed record MergePreview(
    Guid SurvivorId, Guid MergedId, IReadOnlyDictionary<MergeField, string?> Survivor, IReadOnlyDictionary<MergeField, string?> Merged,
    int ActivitiesToMove, int TasksToMove);

public sealed record LeadMergeView(Guid Id, Guid SurvivorId, string SurvivorLabel, string MergedLabel, DateTimeOffset MergedAt, int MovedActivities, int MovedTasks);

/// <summary>Reads and writes a lead's <see cref="MergeField"/> values: one table, used by preview, merge and undo alike.</summary>
public static class MergeFields
{
    public static string? Get(Lead lead, MergeField field) => field switch
    {
        MergeField.FirstName => lead.FirstName,
        MergeField.LastName => lead.LastName,
        MergeField.JobTitle => lead.JobTitle,
        MergeField.Company => lead.Company,
        MergeField.Email => lead.Email,
        MergeField.Phone => lead.Phone,
        MergeField.Country => lead.Country,
        MergeField.City => lead.City,
        MergeField.Siren => lead.Siren,
        MergeField.Website => lead.Website,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Company and Country are required on a lead: an empty value there keeps the survivor's.</summary>
    public static void Set(Lead lead, MergeField field, string? value)
    {
        switch (field)
        {
            case MergeField.FirstName: lead.FirstName = value; break;
            case MergeField.LastName: lead.LastName = value; break;
            case MergeField.JobTitle: lead.JobTitle = value; break;
            case MergeField.Company: if (!string.IsNullOrWhiteSpace(value)) lead.Company = value; break;
            case MergeField.Email: lead.Email = value; break;
            case MergeField.Phone: lead.Phone = value; Workspace.LeadTimeZones.Refresh(lead); break;
            case MergeField.Country: if (!string.IsNullOrWhiteSpace(value)) lead.Country = value; Workspace.LeadTimeZones.Refresh(lead); break;
            case MergeField.City: lead.City = value; break;
            case MergeField.Siren: lead.Siren = value; break;
            case MergeField.Website: lead.Website = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    public static IReadOnlyDictionary<MergeField, string?> Read(Lead lead) =>
        Enum.GetValues<MergeField>().ToDictionary(f => f, f => Get(lead, f));
}
