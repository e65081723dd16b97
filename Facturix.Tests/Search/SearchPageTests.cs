using Bunit;
using Facturix.App.Search;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Search;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Search;

/// <summary>The search page: the address holds the search, tabs by kind with their counts, refusals under the box.</summary>
public sealed class SearchPageTests : ShellTestContext
{
    private readonly ScriptedGlobalSearch _search;

    public SearchPageTests() : this(new ScriptedGlobalSearch()) { }

    private SearchPageTests(ScriptedGlobalSearch search) : base(services => services.AddSingleton<IGlobalSearch>(search))
    {
        _search = search;
        UseCulture("fr-FR");
        SignIn(Roles.Manager);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<SearchPage> Open(string address)
    {
        Navigation.NavigateTo(address);
        return Render<SearchPage>();
    }

    [Fact]
    public void The_address_is_searched_and_the_first_kind_with_matches_is_shown_with_every_count()
    {
        var account = ScriptedGlobalSearch.Account("Boulangeries Ferrand");
        _search.Answer = text => Task.FromResult(new GlobalSearchResults(text,
            SearchHits<LeadRow>.None, new SearchHits<AccountRow>([account], 1), new SearchHits<CampaignRow>([ScriptedGlobalSearch.Campaign("Ferrand été")], 1)));

        var page = Open("/search?q=ferrand");

        page.WaitForAssertion(() => Assert.Equal("accounts", page.Find("[data-testid=search-panel]").GetAttribute("data-tab")));
        Assert.Equal(["ferrand"], _search.Asked);
        Assert.Equal("ferrand", page.Find("input[data-testid=search-input]").GetAttribute("value"));
        Assert.Equal(["0", "1", "1"], new[] { "leads", "accounts", "campaigns" }
            .Select(kind => page.Find($"[data-testid=search-tab-{kind}]").GetAttribute("data-count")));
        Assert.Equal("true", page.Find("[data-testid=search-tab-accounts]").GetAttribute("aria-selected"));
        var hit = page.Find("[data-testid=search-result]");
        Assert.Equal(("account", account.Id.ToString()), (hit.GetAttribute("data-kind"), hit.GetAttribute("data-id")));
        Assert.Equal($"/accounts/{account.Id}", hit.GetAttribute("href"));
        // Each tab keeps the search in its link.
        Assert.Equal("/search?q=ferrand&tab=campaigns", page.Find("[data-testid=search-tab-campaigns]").GetAttribute("href"));
    }

    [Fact]
    public void A_tab_in_the_address_is_shown_even_when_empty_and_a_bd_has_no_accounts_tab()
    {
        SignIn(Roles.BusinessDeveloper);
        _search.Answer = text => Task.FromResult(new GlobalSearchResults(text,
            new SearchHits<LeadRow>([ScriptedGlobalSearch.Lead("Luc", "Ferrand")], 1), null, SearchHits<CampaignRow>.None));

        var page = Open("/search?q=ferrand&tab=campaigns");

        page.WaitForAssertion(() => Assert.Equal("campaigns", page.Find("[data-testid=search-panel]").GetAttribute("data-tab")));
        Assert.Empty(page.FindAll("[data-testid=search-tab-accounts]"));
        Assert.Equal("Aucune campagne ne correspond à cette recherche.", page.Find("[data-testid=search-none]").TextContent);
    }

    [Fact]
    public void Typing_searches_and_replaces_the_address_and_the_leads_link_on_to_their_list()
    {
        var lead = ScriptedGlobalSearch.Lead("Hélène", "Durand");
        _search.Answer = text => Task.FromResult(new GlobalSearchResults(text,
            new SearchHits<LeadRow>([lead], 42), SearchHits<AccountRow>.None, SearchHits<CampaignRow>.None));
        var page = Open("/search");
        Assert.NotNull(page.Find("[data-testid=search-hint]"));

        page.Find("input[data-testid=search-input]").Input("hélène d");

        page.WaitForAssertion(() => Assert.Equal($"/leads/{lead.Id}", page.Find("[data-testid=search-result]").GetAttribute("href")));
        Assert.EndsWith("/search?q=h%C3%A9l%C3%A8ne%20d", Navigation.Uri);
        var all = page.Find("[data-testid=search-all-leads]");
        Assert.Equal("/leads?q=h%C3%A9l%C3%A8ne%20d", all.GetAttribute("href"));
        Assert.Contains("Voir les 42\u00A0leads", all.TextContent.Replace("42 ", "42\u00A0"));
        Assert.Contains("Hélène Durand", page.Find("[data-testid=search-result]").TextContent);
    }

    [Fact]
    public void One_letter_asks_for_more_and_reads_nothing()
    {
        var page = Open("/search?q=a");

        Assert.NotNull(page.Find("[data-testid=search-hint]"));
        Assert.Contains("au moins 2 caractères", page.Find("[data-testid=search-hint]").TextContent);
        Assert.Empty(_search.Asked);
    }

    [Fact]
    public void A_refusal_shows_under_the_box_and_keeps_what_was_typed()
    {
        _search.Answer = text => throw new ValidationException([new ValidationFailure("Text", ErrorCodes.SearchTextTooLong)
        {
            ErrorCode = ErrorCodes.SearchTextTooLong,
            FormattedMessagePlaceholderValues = new Dictionary<string, object> { ["MaxLength"] = GlobalSearchRules.MaxLength },
        }]);

        var page = Open("/search?q=beaucoup%20trop");

        page.WaitForAssertion(() => Assert.Contains("ne dépasse pas 100 caractères", page.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.Equal("beaucoup trop", page.Find("input[data-testid=search-input]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=search-panel]"));
    }

    [Fact]
    public void Nothing_found_says_so_with_the_words_searched()
    {
        var page = Open("/search?q=zzqq");

        page.WaitForAssertion(() => Assert.Contains("Aucun résultat pour «\u00A0zzqq\u00A0»", page.Find("[data-testid=search-empty]").TextContent));
    }

    [Fact]
    public void Enter_opens_the_only_match()
    {
        var lead = ScriptedGlobalSearch.Lead("Luc", "Ferrand");
        _search.Answer = text => Task.FromResult(new GlobalSearchResults(text,
            new SearchHits<LeadRow>([lead], 1), SearchHits<AccountRow>.None, SearchHits<CampaignRow>.None));
        var page = Open("/search?q=0612345678");
        page.WaitForElement("[data-testid=search-result]");

        page.Find("input[data-testid=search-input]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.EndsWith($"/leads/{lead.Id}", Navigation.Uri);
    }

    [Fact]
    public void An_older_answer_that_lands_last_does_not_replace_the_newer_one()
    {
        var slow = new TaskCompletionSource<GlobalSearchResults>(TaskCreationOptions.RunContinuationsAsynchronously);
        var newer = ScriptedGlobalSearch.Campaign("Ferrand été");
        _search.Answer = text => text == "fer" ? slow.Task
            : Task.FromResult(new GlobalSearchResults(text, SearchHits<LeadRow>.None, SearchHits<AccountRow>.None, new SearchHits<CampaignRow>([newer], 1)));
        var page = Open("/search?q=fer");

        page.Find("input[data-testid=search-input]").Input("ferrand");
        page.WaitForAssertion(() => Assert.Equal(newer.Id.ToString(), page.Find("[data-testid=search-result]").GetAttribute("data-id")));
        slow.SetResult(ScriptedGlobalSearch.Nothing("fer"));

        page.WaitForAssertion(() => Assert.Equal(2, _search.Asked.Count));
        Assert.Equal(newer.Id.ToString(), page.Find("[data-testid=search-result]").GetAttribute("data-id"));
        Assert.Empty(page.FindAll("[data-testid=search-empty]"));
    }

    [Fact]
    public async Task A_shown_lead_changed_searches_again_a_lead_changed_elsewhere_does_not()
    {
        SignIn(Roles.Admin); // the whole agency in scope: only what is on screen tells the two events apart
        var lead = ScriptedGlobalSearch.Lead("Luc", "Ferrand");
        _search.Answer = text => Task.FromResult(new GlobalSearchResults(text,
            new SearchHits<LeadRow>([lead], 1), SearchHits<AccountRow>.None, SearchHits<CampaignRow>.None));
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var page = Open("/search?q=ferrand");
        page.WaitForElement("[data-testid=search-result]");
        var asked = _search.Asked.Count;

        // A call logged on another lead of the floor: nothing to search again.
        await events.RaiseAsync(new LeadUpdated(Guid.NewGuid(), lead.CampaignId));
        Assert.Equal(asked, _search.Asked.Count);

        // The lead on screen renamed or moved on: searched again.
        await events.RaiseAsync(new LeadUpdated(lead.Id, lead.CampaignId));
        page.WaitForAssertion(() => Assert.Equal(asked + 1, _search.Asked.Count));
    }

    [Fact]
    public void A_task_found_opens_its_lead_and_one_without_a_lead_the_task_list()
    {
        var leadId = Guid.NewGuid();
        TaskRow Task(string title, Guid? lead) => new(Guid.NewGuid(), title, null, TaskPriority.Normal, null, null, Guid.NewGuid(),
            "Camille Martin", lead, lead is null ? null : "Luc Ferrand", null, null);
        _search.Answer = text => System.Threading.Tasks.Task.FromResult(new GlobalSearchResults(text, SearchHits<LeadRow>.None,
            SearchHits<AccountRow>.None, SearchHits<CampaignRow>.None,
            new SearchHits<TaskRow>([Task("Devis Ferrand", leadId), Task("Devis à relire", null)], 2)));

        var page = Open("/search?q=devis");

        page.WaitForAssertion(() => Assert.Equal("tasks", page.Find("[data-testid=search-panel]").GetAttribute("data-tab")));
        Assert.Equal([$"/leads/{leadId}", "/tasks"], page.FindAll("[data-testid=search-result]").Select(a => a.GetAttribute("href")));
        Assert.Equal("2", page.Find("[data-testid=search-tab-tasks]").GetAttribute("data-count"));
    }

    [Fact]
    public void A_failed_search_offers_retry_instead_of_an_endless_skeleton()
    {
        var fail = true;
        _search.Answer = text => fail
            ? throw new InvalidOperationException("database unreachable")
            : System.Threading.Tasks.Task.FromResult(ScriptedGlobalSearch.Nothing(text));
        var page = Open("/search?q=durand");

        page.WaitForElement("[data-testid=load-failed]");
        Assert.Empty(page.FindAll(".mud-skeleton"));
        Assert.Equal("durand", page.Find("input[data-testid=search-input]").GetAttribute("value"));

        fail = false;
        page.Find("[data-testid=load-retry]").Click();
        page.WaitForElement("[data-testid=search-empty]");
    }
}
