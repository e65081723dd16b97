using Facturix.App.Shell;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Search;
using Facturix.Domain.Users;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Facturix.App.Search;

public sealed partial class SearchPage
{
    /// <summary>How many matches of each kind the page lists; the leads list pages through the rest.</summary>
    public const int PerKind = 20;

    /// <summary>The kinds' tab keys, in display order (the hooks are <c>search-tab-{kind}</c>).</summary>
    public static readonly IReadOnlyList<string> KindOrder = ["leads", "accounts", "campaigns", "tasks"];

    private readonly NewestLoad _loads = new();
    private Actor? _actor;
    private string? _text;
    /// <summary>The text this page last put in the address: a different <see cref="Q"/> came from elsewhere (the app bar's box, a link).</summary>
    private string? _addressText;
    private GlobalSearchResults? _results;
    private string? _error;
    private bool _searchedOnce;
    /// <summary>The last read failed (the toast said why): Retry instead of a skeleton that never ends.</summary>
    private bool _failed;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    /// <summary>The tab asked for (<c>leads</c>, <c>accounts</c>, <c>campaigns</c>); by default the first with matches.</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    private bool CanSeeAccounts => _actor?.Can(Capability.AccountsManage) == true;

    protected override async Task OnInitializedAsync() => _actor = await ActorAccessor.GetActorAsync();

    protected override async Task OnParametersSetAsync()
    {
        if (Q == _addressText && _searchedOnce) return;
        _searchedOnce = true;
        // Only an address that changed from outside replaces the box's text: one the page wrote itself may lag behind
        // what the person has typed since (the debounce), and would put back the older text under their cursor.
        _addressText = Q;
        _text = Q;
        await LoadAsync(CancellationToken.None);
    }

    private static bool IsSearchable(string? text) => (text?.Trim().Length ?? 0) >= GlobalSearchRules.MinLength;

    private async Task OnTextChangedAsync(string? text)
    {
        _text = text;
        _addressText = string.IsNullOrWhiteSpace(text) ? null : text;
        // Replace, not push: going back leaves the search instead of undoing it a letter at a time.
        Navigation.NavigateTo(Address(_addressText, Tab), replace: true);
        await LoadAsync(CancellationToken.None);
    }

    /// <summary>Enter opens the only match, so a search for a phone number or an email lands on its lead at once.</summary>
    private Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        // Only on the results of the text in the box: a keystroke still in its debounce would open an older text's match.
        if (e.Key == "Enter" && _results is { Total: 1 } results && results.Text == _text?.Trim())
            Navigation.NavigateTo(SearchHitsPanel.OnlyHitAddress(results));
        return Task.CompletedTask;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var load = _loads.Start();
        (_error, _failed) = (null, false);
        if (_actor is null || !IsSearchable(_text))
        {
            _results = null;
            return;
        }
        try
        {
            var results = await GlobalSearch.SearchAsync(_actor, _text, PerKind, ct);
            if (_loads.IsNewest(load)) _results = results;
        }
        catch (ValidationException invalid) when (invalid.Errors.FirstOrDefault() is { } failure)
        {
            // Shown under the box, with what was typed kept in it.
            if (_loads.IsNewest(load)) (_results, _error) = (null, ErrorText.Describe(failure));
        }
        catch (Exception other)
        {
            if (_loads.IsNewest(load)) (_results, _failed) = (null, true);
            Errors.Report(other);
        }
    }

    /// <summary>The kinds the viewer may open, with their counts.</summary>
    private static IEnumerable<(string Kind, long Total)> Kinds(GlobalSearchResults results)
    {
        if (results.Leads is { } leads) yield return ("leads", leads.Total);
        if (results.Accounts is { } accounts) yield return ("accounts", accounts.Total);
        if (results.Campaigns is { } campaigns) yield return ("campaigns", campaigns.Total);
        if (results.Tasks is { } tasks) yield return ("tasks", tasks.Total);
    }

    /// <summary>The tab on screen: the one asked for if the viewer has it, else the first kind with matches.</summary>
    private string ShownTab => _results is null ? KindOrder[0]
        : Kinds(_results).Any(k => k.Kind == Tab) ? Tab!
        : Kinds(_results).FirstOrDefault(k => k.Total > 0).Kind ?? Kinds(_results).First().Kind;

    public static string Address(string? text, string? tab)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(text)) query.Add("q=" + Uri.EscapeDataString(text));
        if (!string.IsNullOrEmpty(tab)) query.Add("tab=" + Uri.EscapeDataString(tab));
        return query.Count == 0 ? "/search" : "/search?" + string.Join('&', query);
    }

    /// <summary>
    /// A change to something the page may list: a lead, account or campaign in scope. Until the first results are known
    /// every such event is let through (the replay may bring one from before the load, decision 0067).
    /// </summary>
    private bool IsRelevant(LiveEvent e) => _actor is { } actor && IsSearchable(_text) && e switch
    {
        // A lead edited on the floor is one event a call: only the leads on screen (their name or status may have moved).
        LeadUpdated u => actor.Scope.CoversCampaign(u.CampaignId)
            && (_results?.Leads is not { } shown || shown.Items.Any(l => l.Id == u.LeadId)),
        LeadsImported i => actor.Scope.CoversCampaign(i.CampaignId),
        LeadsChanged m => m.CampaignIds.Any(actor.Scope.CoversCampaign),
        CampaignChanged c => actor.Scope.CoversCampaignOf(c.CampaignId, c.AccountId),
        AccountChanged a => CanSeeAccounts && actor.Scope.CoversAccount(a.AccountId),
        TaskChanged t => t.AssigneeId == actor.UserId || actor.Can(Capability.AnalyticsTeam),
        _ => false,
    };
}
