using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads.Bulk;

/// <summary>
/// A <see cref="LeadSelection"/> as a query over the actor's leads: the ticked ids, or the list's filters re-evaluated now
/// (<see cref="LeadQueries.Filter"/>), always inside <see cref="Scope.Leads"/>.
/// </summary>
internal static class LeadSelectionQuery
{
    public static async Task<IQueryable<Lead>> LeadsAsync(FacturixDb db, Actor actor, LeadSelection selection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var scoped = Scope.Leads(db, actor);
        if (selection.Ids is { } ids)
        {
            var list = ids.ToList();
            return scoped.Where(l => list.Contains(l.Id));
        }
        var query = selection.Matching!;
        return LeadQueries.Filter(db, scoped, query, await LeadSearchTerms.ResolveAsync(db, query.Search, ct));
    }

    /// <summary>
    /// Refuses a selection naming a lead the actor cannot see (or that no longer exists): the whole action fails with
    /// <see cref="NotFoundException"/> rather than silently doing less than the person asked for.
    /// </summary>
    public static async Task EnsureAllVisibleAsync(FacturixDb db, Actor actor, LeadSelection selection, CancellationToken ct)
    {
        if (selection.Ids is not { } ids || ids.Count == 0) return;
        var found = await (await LeadsAsync(db, actor, selection, ct)).Select(l => l.Id).ToListAsync(ct);
        if (found.Count == ids.Count) return;
        var missing = ids.Except(found).First();
        throw new NotFoundException("lead", missing);
    }

    /// <summary>A JSON-friendly copy (the record's constructor is private): ids or the query.</summary>
    public sealed record Stored(IReadOnlyList<Guid>? Ids, LeadListQuery? Matching)
    {
        public static Stored Of(LeadSelection selection) => new(selection.Ids, selection.Matching);

        public LeadSelection ToSelection() => Matching is { } query ? LeadSelection.AllMatching(query) : LeadSelection.Of(Ids ?? []);
    }

    /// <summary>What the audit row records about a selection: the filter, or the ids (their count only past 100).</summary>
    public static object ForAudit(LeadSelection selection) => selection.Matching is { } query
        ? new { matching = query }
        : selection.Ids!.Count <= 100 ? new { ids = selection.Ids } : new { idCount = selection.Ids.Count };

    /// <summary>
    /// Options for the parameters stored in <c>bulk_operations.parameters</c>: a jsonb column, which reorders keys, so
    /// the action's type discriminator may come back after its other properties.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };
}
