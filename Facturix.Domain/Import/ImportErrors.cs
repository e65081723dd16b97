namespace Facturix.Domain.Import;

/// <summary>Codes the import service and job raise (issue 15); the row and settings rules have theirs in their validators.</summary>
public static class ImportErrors
{
    /// <summary>The import is not in a state that allows this (starting one that is not a draft, reverting one that runs).</summary>
    public const string StateInvalid = "conflict.import-state";
    /// <summary>Revert refused: a lead the import created or updated has activity (a call, a note...) or is being worked on since.</summary>
    public const string RevertHasActivity = "conflict.import-revert-activity";
    /// <summary>Revert refused: a later import updated a lead this one created or updated; reverting that one first gives it back (decision 0086).</summary>
    public const string RevertLaterImport = "conflict.import-revert-later-import";
    /// <summary>Revert refused: a lead this one created or updated was changed since (an edit, a bulk change), which a revert would throw away (decision 0086).</summary>
    public const string RevertChangedSince = "conflict.import-revert-changed";
    /// <summary>The job could not read the stored file (gone, or unreadable with the chosen format): the import failed, nothing half-written.</summary>
    public const string FileUnreadable = "import.job.file-unreadable";

    /// <summary>The database refused a value of the file: the import failed; the batches written before it stay (revert takes them back).</summary>
    public const string RowsRefused = "import.job.rows-refused";

    /// <summary>The database stayed unreachable through the job's retries (decision 0087): the import failed; the batches written before stay.</summary>
    public const string Interrupted = "import.job.interrupted";

    /// <summary>
    /// Not a failure: the app shut down while the import's job ran or waited to retry (decision 0093). The import is Queued
    /// again with this reason, nobody working on it, until the app's next start resumes it from its checkpoint
    /// (<c>ImportResumeJob</c>); the run's start clears it.
    /// </summary>
    public const string Paused = "import.job.paused";

    /// <summary>
    /// The campaign is archived: it takes no new leads (decision 0084). Refused at the upload and the start; a queued
    /// import whose campaign was archived meanwhile fails with it instead of importing.
    /// </summary>
    public const string CampaignArchived = "conflict.import-campaign-archived";

    /// <summary>
    /// The campaign is completed: it takes no new leads either (decision 0092). Refused like an archived one; completing a
    /// campaign stops its queued and running imports.
    /// </summary>
    public const string CampaignCompleted = "conflict.import-campaign-completed";

    /// <summary>The reason an import into a campaign in <paramref name="state"/> is refused, or null when it takes leads.</summary>
    public static string? CampaignClosed(Facturix.Domain.Campaigns.CampaignState state) => state switch
    {
        Facturix.Domain.Campaigns.CampaignState.Completed => CampaignCompleted,
        Facturix.Domain.Campaigns.CampaignState.Archived => CampaignArchived,
        _ => null,
    };

    public static IReadOnlyList<string> All { get; } = [StateInvalid, RevertHasActivity, RevertLaterImport, RevertChangedSince, FileUnreadable, RowsRefused, Interrupted, Paused, CampaignArchived, CampaignCompleted];
}
