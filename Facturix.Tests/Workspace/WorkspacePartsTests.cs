using Bunit;
using Facturix.App.Workspace.Working;
using Facturix.Domain.Activities;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Workspace;

/// <summary>The context panel (live), the script drawer (objections one key away) and the keyboard's help and dispatch, alone.</summary>
public sealed class WorkspacePartsTests : ShellTestContext
{
    private readonly FakeContext _context;
    private static readonly Guid LeadId = Guid.NewGuid();

    public WorkspacePartsTests() : this(new FakeContext()) { }

    private WorkspacePartsTests(FakeContext context) : base(services => services.AddSingleton<IWorkspaceContext>(context))
    {
        _context = context;
        SignIn(Roles.BusinessDeveloper);
    }

    private InMemoryLiveEvents Bus => (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();

    [Fact]
    public void The_context_panel_lists_recent_items_and_the_same_company_leads_with_their_holder()
    {
        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));

        var items = panel.FindAll("[data-testid=context-item]");
        Assert.Equal(["call", "email"], items.Select(i => i.GetAttribute("data-kind")!));
        Assert.Contains("Messagerie", items[0].TextContent);
        Assert.Contains("Rappeler jeudi", items[0].TextContent);
        Assert.Equal("bd2@facturix.local", panel.Find("[data-testid=context-lock]").GetAttribute("data-locked-by"));
        Assert.Equal(2, panel.FindAll("[data-testid=context-same-company]").Count);
    }

    [Fact]
    public void The_context_panel_lists_the_leads_open_tasks_soonest_first_with_the_overdue_ones_marked()
    {
        UseCulture("fr");
        Assert.Empty(Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId)).FindAll("[data-testid=context-task]")); // none: no section
        _context.Tasks.Add(new LeadTaskRow(Guid.NewGuid(), "Envoyer la plaquette", DateTimeOffset.UtcNow.AddDays(-1), Domain.Tasks.TaskPriority.High, "BD 1"));
        _context.Tasks.Add(new LeadTaskRow(Guid.NewGuid(), "Relancer après le salon", null, Domain.Tasks.TaskPriority.Normal, "BD 2"));

        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));

        var tasks = panel.FindAll("[data-testid=context-task]");
        Assert.Equal(_context.Tasks.Select(t => t.Id.ToString()), tasks.Select(t => t.GetAttribute("data-task-id")!));
        Assert.Equal(["true", "false"], tasks.Select(t => t.GetAttribute("data-overdue")!));
        Assert.Contains("Envoyer la plaquette", tasks[0].TextContent);
        Assert.Contains("BD 1 · Haute · échéance\u00a0: ", tasks[0].TextContent);
        Assert.DoesNotContain("échéance", tasks[1].TextContent);
    }

    [Theory]
    [InlineData("fr", "Lead passé · Standard fermé")]
    [InlineData("en", "Lead skipped · Standard fermé")]
    public void A_skip_in_the_context_panel_reads_in_the_readers_language(string culture, string expected)
    {
        UseCulture(culture);
        _context.AddNote("Standard fermé", skipped: true);

        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));

        Assert.Equal(expected, panel.WaitForElement("[data-testid=context-item] .fx-context-panel__summary").TextContent);
    }

    [Fact]
    public void A_refused_context_read_offers_Retry_instead_of_an_endless_skeleton()
    {
        _context.Failing = true;
        Render<MudBlazor.MudSnackbarProvider>();
        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));

        Assert.Empty(panel.FindAll(".mud-skeleton"));
        _context.Failing = false;
        panel.Find("[data-testid=load-failed] [data-testid=load-retry]").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=context-item]").Count));
        Assert.Empty(panel.FindAll("[data-testid=load-failed]"));
    }

    [Fact]
    public async Task The_context_panel_reloads_live_for_its_lead_only()
    {
        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));
        Assert.Equal(1, _context.Reads);

        await Bus.RaiseAsync(new ActivityLogged(Guid.NewGuid(), ActivityKind.Note, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
        _context.AddNote("Nouvelle note");
        await Bus.RaiseAsync(new ActivityLogged(Guid.NewGuid(), ActivityKind.Note, LeadId, Guid.NewGuid(), Guid.NewGuid()));

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=context-item]").Count));
        Assert.Equal(2, _context.Reads);
        Assert.Contains("Nouvelle note", panel.FindAll("[data-testid=context-item]")[0].TextContent);
    }

    [Fact]
    public async Task The_context_panel_reloads_for_a_bulk_change_in_its_leads_campaign_only()
    {
        var campaign = Guid.NewGuid();
        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId).Add(c => c.CampaignId, campaign));
        Assert.Equal(1, _context.Reads);

        // A manager's bulk note from the leads list: one event for the campaign, none per lead.
        _context.AddNote("Note groupée");
        await Bus.RaiseAsync(new LeadsChanged([Guid.NewGuid()]));
        Assert.Equal(1, _context.Reads);
        await Bus.RaiseAsync(new LeadsChanged([Guid.NewGuid(), campaign]));

        panel.WaitForAssertion(() => Assert.Contains("Note groupée", panel.FindAll("[data-testid=context-item]")[0].TextContent));
        Assert.Equal(2, _context.Reads);
    }

    [Fact]
    public async Task The_context_panel_follows_the_locks_of_the_same_company_leads()
    {
        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));

        _context.ReleaseHolder();
        await Bus.RaiseAsync(new LeadUnlocked(FakeContext.Colleague, Guid.NewGuid()));

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=context-lock]")));
    }

    [Fact]
    public async Task A_colleague_released_while_the_first_read_runs_shows_released()
    {
        // The first read saw the colleague's lock and answers late; the release comes before the panel knows who is listed.
        var firstRead = _context.HoldNextRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var panel = Render<ContextPanel>(p => p.Add(c => c.LeadId, LeadId));
        _context.ReleaseHolder();
        await Bus.RaiseAsync(new LeadUnlocked(FakeContext.Colleague, Guid.NewGuid()));
        panel.WaitForAssertion(() => Assert.Equal(2, _context.Reads));

        var renders = panel.RenderCount;
        await panel.InvokeAsync(firstRead.SetResult);
        panel.WaitForState(() => panel.RenderCount > renders);

        Assert.Equal(2, panel.FindAll("[data-testid=context-same-company]").Count);
        Assert.Empty(panel.FindAll("[data-testid=context-lock]"));
    }

    [Fact]
    public async Task The_script_drawer_shows_the_filled_script_and_an_objection_answer_one_digit_away()
    {
        var drawer = Render<ScriptDrawer>(p => p.Add(c => c.LeadId, LeadId));
        Assert.Empty(drawer.FindAll("[data-testid=script-drawer]"));

        await drawer.InvokeAsync(drawer.Instance.Toggle);

        drawer.WaitForAssertion(() => Assert.Contains("Bonjour <strong>Inès</strong>", drawer.Find("[data-testid=script-body]").InnerHtml));
        Assert.Equal("", drawer.Find("[data-testid=script-drawer]").GetAttribute("data-own-digits"));
        Assert.Empty(drawer.FindAll("[data-testid=script-objection-answer]"));

        drawer.Find("[data-testid=script-drawer]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "&", Code = "Digit2" });

        Assert.Contains("<em>ROI</em>", drawer.Find("[data-testid=script-objection-answer]").InnerHtml);
        Assert.Equal("true", drawer.FindAll("[data-testid=script-objection]")[1].GetAttribute("aria-expanded"));
        await drawer.InvokeAsync(drawer.Instance.Toggle);
        Assert.False(drawer.Instance.IsOpen);
        Assert.Empty(drawer.FindAll("[data-testid=script-drawer]"));
    }

    [Theory]
    [InlineData("fr", "Raccourcis clavier", "Terminer et lead suivant", "Échap")]
    [InlineData("en", "Keyboard shortcuts", "Finish and next lead", "Esc")]
    public async Task Question_mark_opens_the_shortcut_help_in_the_current_language(string culture, string title, string next, string esc)
    {
        UseCulture(culture);
        var keyboard = Render<WorkspaceKeyboard>();

        await keyboard.InvokeAsync(() => keyboard.Instance.DispatchAsync("help", 0));

        var help = keyboard.Find("[data-testid=shortcut-help]");
        Assert.Contains(title, help.TextContent);
        Assert.Equal(["N", "1-9", "C", "E", "L", "S", "T", "?", "Esc"], keyboard.FindAll("[data-testid=shortcut-row]").Select(r => r.GetAttribute("data-key")!));
        Assert.Contains(next, keyboard.Find("[data-testid=shortcut-row][data-key=N]").TextContent);
        Assert.Contains(esc, keyboard.Find("[data-testid=shortcut-row][data-key=Esc]").TextContent);
    }

    [Fact]
    public async Task Each_shortcut_reaches_its_callback_and_Esc_closes_the_help_first()
    {
        var calls = new List<string>();
        var keyboard = Render<WorkspaceKeyboard>(p => p
            .Add(c => c.OnNext, () => calls.Add("next"))
            .Add(c => c.OnDigit, (int d) => calls.Add($"digit {d}"))
            .Add(c => c.OnCall, () => calls.Add("call"))
            .Add(c => c.OnEmail, () => calls.Add("email"))
            .Add(c => c.OnNote, () => calls.Add("note"))
            .Add(c => c.OnSkip, () => calls.Add("skip"))
            .Add(c => c.OnEscape, () => calls.Add("escape")));

        foreach (var (name, digit) in new[] { ("next", 0), ("digit", 3), ("call", 0), ("email", 0), ("note", 0), ("skip", 0), ("escape", 0) })
            await keyboard.InvokeAsync(() => keyboard.Instance.OnShortcutAsync(name, digit));
        await keyboard.InvokeAsync(() => keyboard.Instance.DispatchAsync("help", 0));
        await keyboard.InvokeAsync(() => keyboard.Instance.DispatchAsync("escape", 0));

        Assert.Equal(["next", "digit 3", "call", "email", "note", "skip", "escape"], calls);
        Assert.False(keyboard.Instance.IsHelpOpen);
    }

    [Fact]
    public async Task The_keyboard_loads_its_module_after_rendering_and_removes_its_listener_on_dispose()
    {
        var module = JSInterop.SetupModule("./js/workspace-keyboard.js");
        var keyboard = Render<WorkspaceKeyboard>();

        keyboard.WaitForAssertion(() => Assert.Single(module.Invocations["attach"]));

        await keyboard.Instance.DisposeAsync();
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "dispose");
    }

    private sealed class FakeContext : IWorkspaceContext
    {
        public static readonly Guid Colleague = Guid.NewGuid();
        private readonly List<ContextActivity> _recent =
        [
            new(Guid.NewGuid(), ActivityKind.Call, DateTimeOffset.UtcNow.AddHours(-1), "BD 1", "Messagerie · Rappeler jeudi", CallOutcome.Voicemail, 42),
            new(Guid.NewGuid(), ActivityKind.Email, DateTimeOffset.UtcNow.AddDays(-1), "BD 1", "Présentation", null, null),
        ];
        private string? _holder = "bd2@facturix.local";

        public List<LeadTaskRow> Tasks { get; } = [];
        public int Reads { get; private set; }
        /// <summary>Reads refused until cleared (the database gone for a moment).</summary>
        public bool Failing { get; set; }

        public void AddNote(string text, bool skipped = false) =>
            _recent.Insert(0, new ContextActivity(Guid.NewGuid(), ActivityKind.Note, DateTimeOffset.UtcNow, "BD 1", text, null, null, skipped));

        public void ReleaseHolder() => _holder = null;

        public Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default) =>
            Task.FromResult(new WorkspaceScript("<p>Bonjour <strong>Inès</strong></p>",
                [new WorkspaceObjection("Pas le temps", "<p>Deux minutes ?</p>"), new WorkspaceObjection("Trop cher", "<p><em>ROI</em></p>")]));

        /// <summary>When set, the next read answers what is there now, but only once this completes.</summary>
        public TaskCompletionSource? HoldNextRead { get; set; }

        public async Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            Reads++;
            if (Failing) throw new InvalidOperationException("database gone");
            var context = new WorkspaceLeadContext(_recent.ToList(),
            [
                new SameCompanyLead(Colleague, "Paul Durand", "DSI", LeadStatus.Attempted, _holder),
                new SameCompanyLead(Guid.NewGuid(), "Léa Petit", null, LeadStatus.New, null),
            ]) { OpenTasks = Tasks.ToList() };
            if (HoldNextRead is { } hold)
            {
                HoldNextRead = null;
                await hold.Task;
            }
            return context;
        }
    }
}
