using System.Text;
using AngleSharp.Dom;
using Bunit;
using Facturix.App.Import;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// The /import wizard over scripted import services (ImportDoubles.cs): the wizard test classes share this host, the
/// campaigns it offers, the wizard's state and the helpers that take a person to a step.
/// </summary>
public abstract class ImportWizardTest : ShellTestContext
{
    protected static readonly CampaignRow Relance = Row("Relance Alpha", CampaignState.Active);
    protected static readonly CampaignRow Salon = Row("Salon Beta", CampaignState.Paused);
    protected static readonly CampaignRow Old = Row("Ancienne", CampaignState.Archived);
    protected static readonly CampaignRow Done = Row("Terminée", CampaignState.Completed); // takes no leads either (0092)

    // Named as they were when the tests and their setup were one class, so the tests read them unchanged.
    private protected readonly ScriptedImportFiles _files;
    private protected readonly ScriptedImports _imports;
    protected readonly ImportWizardState _state = new();

    protected ImportWizardTest() : this(new ScriptedImportFiles(), new ScriptedImports()) { }

    private ImportWizardTest(ScriptedImportFiles files, ScriptedImports imports) : base(services => services
        .AddSingleton<IImportFiles>(files)
        .AddSingleton<IImportService>(imports)
        .AddSingleton<ICampaignService>(new ListedCampaigns(Relance, Salon, Old, Done)))
    {
        (_files, _imports) = (files, imports);
        SignIn(Roles.Manager);
    }

    private static CampaignRow Row(string name, CampaignState state) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), "Logivia", state, null, null, 0, false);

    /// <summary>The host around the wizard: popovers (select lists) and toasts render there, outside the wizard.</summary>
    private IRenderedComponent<ImportHost> _host = default!;
    /// <summary>The providers around the wizard: its confirmations and toasts render there.</summary>
    protected IRenderedComponent<ImportHost> Host => _host;

    protected IRenderedComponent<ImportWizard> RenderWizard(Guid? preselect = null)
    {
        var host = _host = Render<ImportHost>(p => p.AddChildContent<ImportWizard>(w => w
            .Add(x => x.State, _state).Add(x => x.PreselectCampaign, preselect)));
        return host.FindComponent<ImportWizard>();
    }

    protected IReadOnlyList<string> Open(IElement hook)
    {
        (hook.Closest(".mud-input-control") ?? hook).MouseDown();
        return _host.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
    }

    protected void Pick(IRenderedComponent<ImportWizard> wizard, IElement hook, string item)
    {
        (hook.Closest(".mud-input-control") ?? hook).MouseDown();
        _host.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == item).Click();
    }

    protected IEnumerable<string?> Toasts() => _host.FindAll("[data-testid=toast]").Select(t => t.GetAttribute("data-severity"));

    /// <summary>The input's change with these files; none is an emptied input.</summary>
    protected static void Choose(IRenderedComponent<ImportWizard> wizard, params IBrowserFile[] files)
    {
        var input = wizard.FindComponent<InputFile>();
        wizard.InvokeAsync(() => input.Instance.OnChange.InvokeAsync(new InputFileChangeEventArgs(files))).GetAwaiter().GetResult();
    }

    /// <summary>Step 1 done with a small file: the wizard is on the reading step.</summary>
    protected IRenderedComponent<ImportWizard> AtFormatStep()
    {
        var wizard = RenderWizard(Relance.Id);
        wizard.WaitForAssertion(() => Assert.Equal(Relance.Id, _state.CampaignId));
        Choose(wizard, new FakeBrowserFile("clients.csv", 42, Encoding.UTF8.GetBytes("Prénom,Nom,Email\n")));
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForElement("[data-testid=import-step-format]");
        return wizard;
    }

    protected IRenderedComponent<ImportWizard> AtMappingStep()
    {
        var wizard = AtFormatStep();
        wizard.Find("[data-testid=import-next]").Click();
        wizard.WaitForAssertion(() => Assert.NotEmpty(wizard.FindAll("[data-testid=mapping-row]")));
        return wizard;
    }
}
