using System.Text.Json.Serialization;

namespace Facturix.Domain.Leads.Bulk;

/// <summary>
/// What a bulk action does to every lead of a <see cref="LeadSelection"/>. Stored as JSON in
/// <see cref="BulkOperation.Parameters"/> when a job runs it, hence the type discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AssignOwner), AssignOwner.Name)]
[JsonDerivedType(typeof(ChangeStatus), ChangeStatus.Name)]
[JsonDerivedType(typeof(SetCallback), SetCallback.Name)]
[JsonDerivedType(typeof(AddNote), AddNote.Name)]
[JsonDerivedType(typeof(Delete), Delete.Name)]
public abstract record LeadBulkAction
{
    /// <summary>Stable name ("assign-owner", ...): <see cref="BulkOperation.Kind"/>, audit actions, UI hooks.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Which capability it needs: delete is <see cref="Users.Capability.LeadsDelete"/>, the rest <see cref="Users.Capability.LeadsBulk"/>.</summary>
    [JsonIgnore]
    public Users.Capability Capability => this is Delete ? Users.Capability.LeadsDelete : Users.Capability.LeadsBulk;

    /// <summary>Gives the leads to <paramref name="OwnerId"/> (someone who may work their campaigns), or to nobody when null.</summary>
    public sealed record AssignOwner(Guid? OwnerId) : LeadBulkAction
    {
        public const string Name = "assign-owner";
        public override string Kind => Name;
    }

    /// <summary>
    /// Moves the leads to a status of their campaign (<paramref name="CampaignStatusId"/>, whose stage the lead takes) or,
    /// when that is null, to the global <paramref name="Stage"/> (clearing any campaign status). One status activity per lead.
    /// </summary>
    public sealed record ChangeStatus(LeadStatus Stage, Guid? CampaignStatusId = null) : LeadBulkAction
    {
        public const string Name = "change-status";
        public override string Kind => Name;
    }

    /// <summary>Sets when the leads are due for a call back (<see cref="Lead.NextCallAt"/>); null means "as soon as possible".</summary>
    public sealed record SetCallback(DateTimeOffset? NextCallAt) : LeadBulkAction
    {
        public const string Name = "set-callback";
        public override string Kind => Name;
    }

    /// <summary>Adds the same note (an activity of kind Note) to every lead.</summary>
    public sealed record AddNote(string Text) : LeadBulkAction
    {
        public const string Name = "add-note";
        public override string Kind => Name;
    }

    /// <summary>Deletes the leads with their activities and tasks.</summary>
    public sealed record Delete : LeadBulkAction
    {
        public const string Name = "delete";
        public override string Kind => Name;
    }
}

/// <summary>
/// The outcome of <see cref="ILeadBulkService.RunAsync"/>: done at once (<see cref="Affected"/> leads changed), or queued
/// as a job (<see cref="OperationId"/> set, <see cref="Affected"/> the number of leads it will work on).
/// </summary>
public sealed record LeadBulkResult(int Affected, Guid? OperationId)
{
    public bool Queued => OperationId is not null;
}

/// <summary>Where a job-run bulk operation stands (its progress bar).</summary>
public sealed record BulkOperationStatus(Guid Id, string Kind, BulkOperationState State, int Done, int Total, string? Error);
