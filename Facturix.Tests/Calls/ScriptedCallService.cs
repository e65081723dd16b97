using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Tests.Calls;

/// <summary>
/// The call service for component tests (the call button, the unmatched calls page, the workspace): it answers what the
/// test scripted and records what the component asked. Left as it is: no Aircall link (the button is a tel: link) and
/// nothing unmatched. Recordings are not scripted: their tests use the real service against WireMock.
/// </summary>
public sealed class ScriptedCallService : ICallService
{
    public bool CanDial { get; set; }
    /// <summary>Thrown by <see cref="CanDialAsync"/> (the database or the settings unreadable).</summary>
    public Exception? CanDialFailure { get; set; }
    /// <summary>Thrown by <see cref="DialAsync"/> instead of dialing (Aircall's refusals).</summary>
    public Exception? DialRefusal { get; set; }
    public List<Guid> Dialed { get; } = [];
    /// <summary>The unmatched list; an attached call leaves it.</summary>
    public List<UnmatchedCall> Unmatched { get; } = [];
    public List<CallLeadChoice> LeadChoices { get; } = [];
    public (Guid ActivityId, Guid LeadId)? Attached { get; private set; }
    public string? Searched { get; private set; }

    /// <summary>For a fake shared by a test class: back to a linked (or not) user with an optional refusal, nothing dialed.</summary>
    public void Reset(bool canDial, Exception? refusal = null)
    {
        (CanDial, DialRefusal, CanDialFailure) = (canDial, refusal, null);
        Dialed.Clear();
    }

    public Task<bool> CanDialAsync(Actor actor, CancellationToken ct = default) =>
        CanDialFailure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(CanDial);

    public Task DialAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        if (DialRefusal is not null) throw DialRefusal;
        Dialed.Add(leadId);
        return Task.CompletedTask;
    }

    /// <summary>How many times the unmatched list was read (a page's loads and live reloads).</summary>
    public int UnmatchedReads { get; private set; }

    public Task<PagedResult<UnmatchedCall>> ListUnmatchedAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        UnmatchedReads++;
        return Task.FromResult(new PagedResult<UnmatchedCall>(Unmatched.Skip(page.Skip).Take(page.Take).ToList(), Unmatched.Count));
    }

    public Task<IReadOnlyList<CallLeadChoice>> SearchLeadsAsync(Actor actor, string text, CancellationToken ct = default)
    {
        Searched = text;
        return Task.FromResult<IReadOnlyList<CallLeadChoice>>(LeadChoices.ToList());
    }

    public Task AttachAsync(Actor actor, Guid activityId, Guid leadId, CancellationToken ct = default)
    {
        Attached = (activityId, leadId);
        Unmatched.RemoveAll(c => c.ActivityId == activityId);
        return Task.CompletedTask;
    }

    public Task<CallRecordingLink> GetRecordingLinkAsync(Actor actor, Guid activityId, CancellationToken ct = default) =>
        throw new NotSupportedException("Recording tests use the real call service against WireMock.");
}
