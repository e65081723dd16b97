using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Search;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using FluentValidation;
using FluentValidation.Results;

namespace Facturix.Infrastructure.Search;

/// <summary>
/// The global search over the lists' own services (decision 0107): each kind keeps its list's scope, matching and
/// guard, so the search can never show what the list would not, nor match differently from it.
/// </summary>
internal sealed class GlobalSearch(ILeadQueries leads, IAccountService accounts, ICampaignService campaigns, ITaskService tasks) : IGlobalSearch
{
    public async Task<GlobalSearchResults> SearchAsync(Actor actor, string? text, int perKind, CancellationToken ct = default)
    {
        actor.DemandActive();
        var search = Validated(text);
        var page = new PageRequest(0, Math.Clamp(perKind, 1, GlobalSearchRules.MaxPerKind));

        // One after the other: three small reads, and each service opens its own connection, so running them at once
        // would take three of the pool's connections for one keystroke.
        SearchHits<LeadRow>? leadHits = null;
        if (actor.Can(Capability.LeadsRead))
        {
            var found = await leads.ListAsync(actor, new LeadListQuery(Search: search), page, ct);
            leadHits = new SearchHits<LeadRow>(found.Items, found.Total, found.TotalIsEstimate);
        }

        // The accounts list is a manager's and an admin's screen (AccountsManage); a BD meets accounts through leads.
        SearchHits<AccountRow>? accountHits = null;
        if (actor.Can(Capability.AccountsManage))
        {
            var found = await accounts.ListAsync(actor, new AccountListQuery(Search: search), page, ct);
            accountHits = new SearchHits<AccountRow>(found.Items, found.TotalCount);
        }

        // Every staff member has a campaigns list, each their own scope of it.
        var foundCampaigns = await campaigns.ListAsync(actor, new CampaignQuery(Search: search), page, ct);
        var campaignHits = new SearchHits<CampaignRow>(foundCampaigns.Items, foundCampaigns.TotalCount);

        // Open tasks, as the task list shows them: the team's for a manager, one's own otherwise.
        var view = actor.Can(Capability.AnalyticsTeam) ? TaskView.Team : TaskView.Mine;
        var foundTasks = await tasks.ListAsync(actor, new TaskListQuery(view, Search: search), page, ct);
        var taskHits = new SearchHits<TaskRow>(foundTasks.Items, foundTasks.TotalCount);

        return new GlobalSearchResults(search, leadHits, accountHits, campaignHits, taskHits);
    }

    /// <summary>The trimmed text, or a refusal naming the bound it crossed (shown under the search box).</summary>
    private static string Validated(string? text)
    {
        var search = text?.Trim() ?? "";
        if (search.Length < GlobalSearchRules.MinLength)
            throw Refusal(ErrorCodes.SearchTextTooShort, search, "MinLength", GlobalSearchRules.MinLength);
        if (search.Length > GlobalSearchRules.MaxLength)
            throw Refusal(ErrorCodes.SearchTextTooLong, search, "MaxLength", GlobalSearchRules.MaxLength);
        return search;
    }

    private static ValidationException Refusal(string code, string search, string bound, int value) =>
        new([new ValidationFailure("Text", code, search)
        {
            ErrorCode = code,
            FormattedMessagePlaceholderValues = new Dictionary<string, object> { [bound] = value },
        }]);
}
