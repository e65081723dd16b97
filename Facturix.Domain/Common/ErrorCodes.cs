namespace Facturix.Domain.Common;

/// <summary>
/// Stable codes of the refusals services throw (validation failures have their own codes, in each validator).
/// Each has a French and an English message in the App's <c>ErrorStrings</c>; a test checks it.
/// </summary>
public static class ErrorCodes
{
    public const string Forbidden = "forbidden";
    public const string ForbiddenInactive = "forbidden.inactive";
    public const string NotFound = "not-found";
    public const string Concurrency = "conflict.concurrency";
    public const string Conflict = "conflict";
    public const string SelfDeactivation = "conflict.self-deactivation";
    public const string PermissionsLockout = "conflict.permissions-lockout";
    public const string Unexpected = "unexpected";
    /// <summary>
    /// PostgreSQL refused a character in a text (U+0000, SQLSTATE 22021 or 22P05) on a path that writes or searches
    /// without the context's cleaning (<c>NulCharacters</c>): a search box, a bulk note. Not thrown: the App words it.
    /// </summary>
    public const string UnstorableCharacter = "text.unstorable-character";
    /// <summary>The change would leave the agency without an active admin (demoting or deactivating the last one).</summary>
    public const string LastAdmin = "conflict.last-admin";
    /// <summary>An admin resets other people's passwords; their own would end the session showing the new one.</summary>
    public const string SelfPasswordReset = "conflict.self-password-reset";
    /// <summary>A validation failure on Email: another staff member already signs in with that address.</summary>
    public const string UserEmailTaken = "user.email.taken";

    // Password policy (ASVS 2.1), reported as Identity errors' codes by PasswordPolicyValidator.
    public const string PasswordTooShort = "user.password.too-short";
    public const string PasswordTooLong = "user.password.too-long";
    public const string PasswordCommon = "user.password.common";
    public const string PasswordContainsEmail = "user.password.contains-email";

    // Campaigns: a state change the life cycle does not allow (CampaignStateRules).
    public const string CampaignStateTransition = "conflict.campaign-state";
    // Campaign status set and outcomes (backlog 2.3.3, 2.2.2).
    public const string StatusInUse = "conflict.status-in-use";
    public const string LastStatus = "conflict.last-status";
    /// <summary>Validation codes the services raise themselves (they need the database to check).</summary>
    public const string StatusMoveTargetInvalid = "status.move-target.invalid";
    public const string OutcomeTargetStatusUnknown = "outcome.target-status.unknown";
    /// <summary>A value outside the closed list the screen offers (a crafted or stale call): refused by code, not by an ArgumentException.</summary>
    public const string CapabilityInvalid = "permission.capability.invalid";
    public const string LeadExportSeparatorInvalid = "lead-export.separator.invalid";
    /// <summary>The board shows one campaign's statuses: without a campaign there are no columns.</summary>
    public const string LeadBoardCampaignRequired = "lead-board.campaign.required";
    // Global search (backlog 2.6.1): a text too short to narrow anything, or too long to be a search.
    public const string SearchTextTooShort = "search.text.too-short";
    public const string SearchTextTooLong = "search.text.too-long";
    // Accounts (issue 12).
    public const string AccountHasCampaigns = "conflict.account-has-campaigns";
    public const string NotAManager = "conflict.not-a-manager";
    /// <summary>
    /// Without agency scope, only a manager of the account changes its managers: seeing it through a campaign
    /// assignment is not answering for it (and would let one name oneself manager of a client).
    /// </summary>
    public const string AccountNotManaged = "forbidden.account-not-managed";
    /// <summary>
    /// Someone else assigned the same person (a manager to an account, a BD to a campaign) between our check and our
    /// write: the table's key refused the second row, and nothing of this request was written.
    /// </summary>
    public const string AssignedMeanwhile = "conflict.assigned-meanwhile";
    // Lead clean-up (issue 13, backlog 2.3.5).
    public const string CleanupAlreadyUndone = "conflict.cleanup-undone";

    // Duplicates and merges (issue 13, docs/decisions/0041).
    public const string MergeSameLead = "conflict.merge-same-lead";
    /// <summary>Leads of two clients are never merged: that is a cross-client conflict, each client keeps its lead.</summary>
    public const string MergeOtherAccount = "conflict.merge-other-account";
    public const string MergeLeadLocked = "conflict.merge-lead-locked";
    public const string MergeUndone = "conflict.merge-undone";
    /// <summary>The merge cannot be undone any more: the survivor or the merged lead's campaign is gone, or the id is taken.</summary>
    public const string MergeUndoBlocked = "conflict.merge-undo-blocked";

    // Leads bulk actions (issue 13): the new owner may not work every selected lead's campaign; the status is not one of theirs.
    public const string LeadBulkOwnerNotEligible = "lead-bulk.owner.not-eligible";
    public const string LeadBulkStatusInvalid = "lead-bulk.status.invalid";

    // Leads saved views and presets (issue 13, backlog 2.3.1/2.3.2).
    /// <summary>A validation failure on Name: the owner already has a view by that name.</summary>
    public const string SavedViewNameTaken = "view.name.taken";
    /// <summary>A campaign's preset must be a view the team sees (a shared one).</summary>
    public const string PresetNotShared = "conflict.preset-not-shared";

    // Workspace (issue 14): the BD's lease on a lead ran out and someone else took the lead (or it was released).
    public const string LeaseLost = "conflict.lease-lost";

    // Workspace outcomes (issue 14, backlog 2.2.2).
    /// <summary>The lead is not (or no longer) locked by the actor under an unexpired lease: nothing was recorded.</summary>
    public const string LeadNotLocked = "conflict.lead-not-locked";
    /// <summary>Validation codes the outcome service raises itself: the chosen outcome requires them (campaign configuration).</summary>
    public const string OutcomeNoteRequired = "workspace.note.required";
    public const string OutcomeCallbackRequired = "workspace.callback-at.required";

    public static IReadOnlyList<string> All { get; } =
        [Forbidden, ForbiddenInactive, NotFound, Concurrency, Conflict, SelfDeactivation, PermissionsLockout, Unexpected, UnstorableCharacter,
         PasswordTooShort, PasswordTooLong, PasswordCommon, PasswordContainsEmail,
         CampaignStateTransition, LastAdmin, SelfPasswordReset, UserEmailTaken,
         StatusInUse, LastStatus, StatusMoveTargetInvalid, OutcomeTargetStatusUnknown,
         CapabilityInvalid, LeadExportSeparatorInvalid, LeadBoardCampaignRequired,
         AccountHasCampaigns, NotAManager, AccountNotManaged, AssignedMeanwhile,
         CleanupAlreadyUndone,
         MergeSameLead, MergeOtherAccount, MergeLeadLocked, MergeUndone, MergeUndoBlocked,
         LeadBulkOwnerNotEligible, LeadBulkStatusInvalid,
         SavedViewNameTaken, PresetNotShared,
         LeaseLost, LeadNotLocked, OutcomeNoteRequired, OutcomeCallbackRequired,
         // Aircall (issue 14): Domain/Calls/AircallErrors.
         ..Calls.AircallErrors.All,
         // Lead import (issue 15): Domain/Import/ImportFileErrors (the wizard's files), ImportErrors (the job and service).
         ..Import.ImportFileErrors.All, ..Import.ImportErrors.All,
         // Dashboard (issue 16): Domain/Dashboard/DashboardErrors, Domain/Dashboard/Goals/GoalErrors.
         ..Dashboard.DashboardErrors.All, ..Dashboard.Goals.GoalErrors.All];
}
