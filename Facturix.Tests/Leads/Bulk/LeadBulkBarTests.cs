using Bunit;
using Facturix.App.Leads.Bulk;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Leads.Bulk;

/// <summary>The leads list's bulk bar: deleting asks first, its dialog keeps what was typed when the service refuses, and it reads a callback time as Paris time.</summary>
public sealed class LeadBulkBarTests : ShellTestContext
{
    private const string NoteField = "[data-testid=bulk-note-text] textarea, textarea[data-testid=bulk-note-text]";
    private static readonly Guid Lead = Guid.NewGuid();
    private readonly RefusingOnceBulk _bulk;

    public LeadBulkBarTests() : this(new RefusingOnceBulk()) { }

    private LeadBulkBarTests(RefusingOnceBulk bulk) : base(services => services
        .AddSingleton<ILeadBulkService>(bulk)
        .AddSingleton<ILeadQueries>(new NoQueries())
        .AddSingleton<LeadExportTokens>())
    {
        _bulk = bulk;
        SignIn(Roles.Admin, "admin@facturix.local");
    }

    [Fact]
    public void A_refused_note_keeps_the_dialog_and_its_text_and_the_next_try_applies_it()
    {
        var snackbar = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();
        var popovers = Render<MudPopoverProvider>();
        var bar = Render<LeadBulkBar>(p => p.Add(b => b.SelectedIds, new HashSet<Guid> { Lead }).Add(b => b.Query, LeadListQuery.Empty).Add(b => b.Total, 1));

        bar.Find("[data-testid=bulk-action-menu] button").Click();
        popovers.WaitForElement("[data-testid=bulk-action-note]").Click();
        dialogs.WaitForElement(NoteField).Change("Rappeler après le salon");
        dialogs.Find("[data-testid=form-submit]").Click();

        snackbar.WaitForAssertion(() => Assert.NotEmpty(snackbar.FindAll("[data-testid=toast]")));
        Assert.Equal("Rappeler après le salon", dialogs.Find(NoteField).GetAttribute("value"));

        dialogs.Find("[data-testid=form-submit]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=bulk-dialog]")));
        Assert.Equal([new LeadBulkAction.AddNote("Rappeler après le salon"), new LeadBulkAction.AddNote("Rappeler après le salon")], _bulk.Actions);
    }

    [Fact]
    public void Deleting_asks_first_naming_how_many_leads_and_a_cancel_deletes_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var popovers = Render<MudPopoverProvider>();
        var bar = Render<LeadBulkBar>(p => p.Add(b => b.SelectedIds, new HashSet<Guid> { Lead, Guid.NewGuid(), Guid.NewGuid() })
            .Add(b => b.Query, LeadListQuery.Empty).Add(b => b.Total, 40));

        bar.Find("[data-testid=bulk-action-menu] button").Click();
        popovers.WaitForElement("[data-testid=bulk-action-delete]").Click();
        var question = dialogs.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains("Supprimer définitivement 3 leads", question.TextContent);
        Assert.Equal("Supprimer 3 leads", dialogs.Find("[data-testid=confirm-ok]").TextContent.Trim());
        dialogs.Find("[data-testid=confirm-cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_bulk.Actions);

        bar.Find("[data-testid=bulk-action-menu] button").Click();
        popovers.WaitForElement("[data-testid=bulk-action-delete]").Click();
        dialogs.WaitForElement("[data-testid=confirm-ok]").Click();
        bar.WaitForAssertion(() => Assert.Equal([new LeadBulkAction.Delete()], _bulk.Actions));
    }

    [Fact]
    public void The_export_asks_for_the_grids_sort_its_search_and_its_visible_columns_left_to_right()
    {
        var dialogs = Render<MudDialogProvider>();
        var popovers = Render<MudPopoverProvider>();
        // A saved view may hold its columns in another order than the grid shows them.
        var bar = Render<LeadBulkBar>(p => p.Add(b => b.SelectedIds, new HashSet<Guid> { Lead }).Add(b => b.Query, new LeadListQuery(Search: "durand")).Add(b => b.Total, 1)
            .Add(b => b.VisibleColumns, [LeadColumns.Email, LeadColumns.Name, LeadColumns.Status])
            .Add(b => b.SortBy, LeadListQuery.Sort.Status).Add(b => b.SortDescending, true));

        bar.Find("[data-testid=bulk-action-menu] button").Click();
        popovers.WaitForElement("[data-testid=bulk-action-export]").Click();
        dialogs.WaitForElement("[data-testid=form-submit]").Click();

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        bar.WaitForAssertion(() => Assert.Contains("/leads/export/", navigation.Uri));
        var token = Uri.UnescapeDataString(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var pending = Services.GetRequiredService<LeadExportTokens>().Take(token, UserId);
        Assert.NotNull(pending);
        Assert.Equal([LeadColumns.Name, LeadColumns.Status, LeadColumns.Email], pending.Columns);
        Assert.Equal((LeadListQuery.Sort.Status, true), (pending.SortBy, pending.SortDescending));
        Assert.Equal("durand", pending.Search); // ticked rows come as typed first, as the list ranked them
    }

    [Fact]
    public void A_callback_in_the_hour_the_clocks_skip_is_read_with_the_winter_offset_instead_of_failing()
    {
        // 29 March 2026, Paris: 02:00 jumps to 03:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), LeadBulkBar.CallbackInstant(new DateTime(2026, 3, 29, 2, 30, 0)));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), LeadBulkBar.CallbackInstant(new DateTime(2026, 7, 1, 9, 0, 0)));
        Assert.Equal(TimeSpan.Zero, LeadBulkBar.CallbackInstant(new DateTime(2026, 7, 1, 9, 0, 0)).Offset);
    }

    /// <summary>Refuses the first action as a lead gone meanwhile would, then applies the next.</summary>
    private sealed class RefusingOnceBulk : ILeadBulkService
    {
        public List<LeadBulkAction> Actions { get; } = [];

        public Task<LeadBulkResult> RunAsync(Actor actor, LeadSelection selection, LeadBulkAction action, CancellationToken ct = default)
        {
            Actions.Add(action);
            if (Actions.Count == 1) throw new NotFoundException("lead", Lead);
            return Task.FromResult(new LeadBulkResult(1, null));
        }

        public Task<BulkOperationStatus> GetOperationAsync(Actor actor, Guid operationId, CancellationToken ct = default) =>
            throw new NotSupportedException();
    }

    private sealed class NoQueries : ILeadQueries
    {
        public Task<LeadPage> ListAsync(Actor actor, LeadListQuery query, PageRequest page, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task<LeadFilterOptions> GetFilterOptionsAsync(Actor actor, Guid? campaignId, Guid? importId = null, CancellationToken ct = default) =>
            Task.FromResult(LeadFilterOptions.None);
    }
}
