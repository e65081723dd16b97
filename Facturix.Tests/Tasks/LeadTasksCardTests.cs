using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Tasks;

/// <summary>The lead page's open tasks: ticked off there with an undo, and a new one set on the lead.</summary>
public sealed class LeadTasksCardTests : ShellTestContext
{
    private readonly ScriptedTasks _tasks;

    public LeadTasksCardTests() : this(new ScriptedTasks()) { }

    private LeadTasksCardTests(ScriptedTasks tasks) : base(services => services.AddSingleton<ITaskService>(tasks))
    {
        _tasks = tasks;
        UseCulture("fr-FR");
        SignIn(Roles.BusinessDeveloper);
    }

    [Fact]
    public void A_tick_saves_the_task_as_done_reloads_the_lead_and_its_undo_reopens_it()
    {
        var row = ScriptedTasks.Row("Rappeler", DateTimeOffset.UtcNow.AddDays(1));
        _tasks.Rows.Add(row);
        var reloads = 0;
        var snackbar = Render<MudSnackbarProvider>();
        var card = Render<LeadTasksCard>(p => p
            .Add(c => c.Tasks, [new LeadTaskRow(row.Id, row.Title, row.DueAt, row.Priority, "Camille Martin")])
            .Add(c => c.LeadId, Guid.NewGuid())
            .Add(c => c.OnChanged, EventCallback.Factory.Create(this, () => reloads++)));

        Assert.Equal("Marquer «\u00A0Rappeler\u00A0» comme terminée", card.Find("[data-testid=lead-task-done]").GetAttribute("aria-label"));
        card.Find("[data-testid=lead-task-done]").Change(true);

        card.WaitForAssertion(() => Assert.Equal([(row.Id, true)], _tasks.Ticks));
        Assert.Equal(1, reloads);
        snackbar.WaitForElement("[data-testid=task-undo]").Click();
        card.WaitForAssertion(() => Assert.Equal([(row.Id, true), (row.Id, false)], _tasks.Ticks));
        Assert.Equal(2, reloads);
    }

    [Fact]
    public void A_task_added_on_the_lead_is_created_for_that_lead()
    {
        var leadId = Guid.NewGuid();
        var reloads = 0;
        var dialogs = Render<MudDialogProvider>();
        var card = Render<LeadTasksCard>(p => p
            .Add(c => c.Tasks, [])
            .Add(c => c.LeadId, leadId)
            .Add(c => c.LeadName, "Luc Ferrand")
            .Add(c => c.OnChanged, EventCallback.Factory.Create(this, () => reloads++)));

        card.Find("[data-testid=lead-task-add]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Luc Ferrand", dialogs.Find("[data-testid=task-dialog-lead]").TextContent));
        dialogs.Find("input[data-testid=task-title]").Change("Envoyer le devis");
        dialogs.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal(1, reloads));
        var created = Assert.Single(_tasks.Created);
        Assert.Equal(("Envoyer le devis", leadId, (Guid?)null), (created.Title, created.LeadId, created.AssigneeId));
    }
}
