using Bunit;
using Facturix.App.Users.Permissions;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Users;

public sealed class PermissionsPageTests() : ShellTestContext(services => services.AddSingleton<IPermissionMatrix>(new ScriptedMatrix()))
{
    private ScriptedMatrix Matrix => (ScriptedMatrix)Services.GetRequiredService<IPermissionMatrix>();

    private static string Cell(string role, Capability capability) =>
        $"[data-testid=permission-cell][data-role='{role}'][data-capability='{capability.Key()}']";

    [Fact]
    public void The_grid_shows_every_capability_for_every_role_as_stored()
    {
        SignIn(Roles.Admin);
        var page = Render<PermissionsPage>();

        page.WaitForAssertion(() => Assert.Equal(Capabilities.All.Count * Roles.All.Count, page.FindAll("[data-testid=permission-cell]").Count));
        Assert.Equal("true", page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsRead)).GetAttribute("aria-checked"));
        Assert.Equal("false", page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsExport)).GetAttribute("aria-checked"));
        Assert.Equal("checkbox", page.Find(Cell(Roles.Manager, Capability.AuditRead)).GetAttribute("role"));
        Assert.Contains("Business developer", page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsExport)).GetAttribute("aria-label"));
    }

    [Fact]
    public void A_refused_read_offers_Retry_instead_of_an_endless_skeleton()
    {
        SignIn(Roles.Admin);
        Matrix.ReadFailing = true;
        var page = Render<PermissionsPage>();

        Assert.Empty(page.FindAll(".mud-skeleton"));
        Matrix.ReadFailing = false;
        page.Find("[data-testid=load-failed] [data-testid=load-retry]").Click();

        page.WaitForAssertion(() => Assert.Equal(Capabilities.All.Count * Roles.All.Count, page.FindAll("[data-testid=permission-cell]").Count));
    }

    [Fact]
    public void A_cell_toggles_through_the_service()
    {
        SignIn(Roles.Admin);
        var page = Render<PermissionsPage>();
        page.WaitForElement(Cell(Roles.BusinessDeveloper, Capability.LeadsExport));

        page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsExport)).Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsExport)).GetAttribute("aria-checked")));
        Assert.Equal([(Roles.BusinessDeveloper, Capability.LeadsExport, true)], Matrix.Calls);
        Assert.Contains(Capability.LeadsExport, Matrix.Stored[Roles.BusinessDeveloper]);
    }

    [Fact]
    public void A_refused_change_reverts_the_cell_and_says_why_in_a_toast()
    {
        SignIn(Roles.Admin);
        var toasts = Render<MudSnackbarProvider>();
        var page = Render<PermissionsPage>();
        page.WaitForElement(Cell(Roles.Admin, Capability.PermissionsManage));
        var pending = Matrix.Refuse(Roles.Admin, Capability.PermissionsManage);

        page.Find(Cell(Roles.Admin, Capability.PermissionsManage)).Click();
        // Shown unticked at once (the save is still in flight)...
        Assert.Equal("false", page.Find(Cell(Roles.Admin, Capability.PermissionsManage)).GetAttribute("aria-checked"));
        pending.SetResult();

        // ...then back as stored, with the reason.
        page.WaitForAssertion(() => Assert.Equal("true", page.Find(Cell(Roles.Admin, Capability.PermissionsManage)).GetAttribute("aria-checked")));
        var toast = toasts.WaitForElement("[data-testid=toast]");
        Assert.Equal("warning", toast.GetAttribute("data-severity"));
        Assert.StartsWith("Au moins un rôle doit garder le droit de gérer les permissions", toast.TextContent);
        Assert.Contains(Capability.PermissionsManage, Matrix.Stored[Roles.Admin]);
    }

    [Fact]
    public void Reset_asks_first_then_resets_through_the_service()
    {
        SignIn(Roles.Admin);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PermissionsPage>();
        page.WaitForElement("[data-testid=permissions-reset]");

        page.Find("[data-testid=permissions-reset]").Click();
        dialogs.WaitForElement("[data-testid=confirm-cancel]").Click();
        Assert.Equal(0, Matrix.Resets);

        page.Find("[data-testid=permissions-reset]").Click();
        dialogs.WaitForElement("[data-testid=confirm-ok]").Click();
        page.WaitForAssertion(() => Assert.Equal(1, Matrix.Resets));
    }

    /// <summary>The default matrix in memory; one cell can be made to wait and then refuse like the real lockout rule.</summary>
    [Fact]
    public async Task Another_admins_change_arriving_while_a_cell_saves_shows_once_the_save_ends()
    {
        SignIn(Roles.Admin);
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var page = Render<PermissionsPage>();
        page.WaitForElement(Cell(Roles.BusinessDeveloper, Capability.LeadsExport));
        var gate = Matrix.Hold(Roles.BusinessDeveloper, Capability.LeadsExport);
        page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsExport)).Click();

        // Meanwhile another admin widens managers to the whole agency, and their commit's event arrives.
        Matrix.Stored[Roles.Manager].Add(Capability.ScopeAgency);
        await events.RaiseAsync(new AccessChanged(null));
        gate.SetResult();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find(Cell(Roles.Manager, Capability.ScopeAgency)).GetAttribute("aria-checked")));
        Assert.Equal("true", page.Find(Cell(Roles.BusinessDeveloper, Capability.LeadsExport)).GetAttribute("aria-checked"));
    }

    private sealed class ScriptedMatrix : IPermissionMatrix
    {
        private (string Role, Capability Capability, TaskCompletionSource Gate)? _refusal;
        private (string Role, Capability Capability, TaskCompletionSource Gate)? _hold;

        /// <summary>The next change of this cell waits for the gate, then succeeds (a slow save).</summary>
        public TaskCompletionSource Hold(string role, Capability capability)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _hold = (role, capability, gate);
            return gate;
        }

        public Dictionary<string, HashSet<Capability>> Stored { get; } =
            RoleCapabilities.Defaults.ToDictionary(r => r.Key, r => r.Value.ToHashSet());

        public List<(string, Capability, bool)> Calls { get; } = [];
        public int Resets { get; private set; }
        /// <summary>Reads refused while set.</summary>
        public bool ReadFailing { get; set; }

        public TaskCompletionSource Refuse(string role, Capability capability)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _refusal = (role, capability, gate);
            return gate;
        }

        public Task<IReadOnlyDictionary<string, IReadOnlySet<Capability>>> GetAsync(Actor actor, CancellationToken ct = default) =>
            ReadFailing ? throw new InvalidOperationException("database gone") : Task.FromResult<IReadOnlyDictionary<string, IReadOnlySet<Capability>>>(
                Stored.ToDictionary(r => r.Key, r => (IReadOnlySet<Capability>)r.Value.ToHashSet()));

        public async Task SetAsync(Actor actor, string role, Capability capability, bool granted, CancellationToken ct = default)
        {
            Calls.Add((role, capability, granted));
            if (_refusal is { } refusal && refusal.Role == role && refusal.Capability == capability)
            {
                await refusal.Gate.Task;
                throw new ConflictException(ErrorCodes.PermissionsLockout, "last holder");
            }
            if (_hold is { } hold && hold.Role == role && hold.Capability == capability) await hold.Gate.Task;
            if (granted) Stored[role].Add(capability);
            else Stored[role].Remove(capability);
        }

        public Task ResetToDefaultsAsync(Actor actor, CancellationToken ct = default)
        {
            Resets++;
            return Task.CompletedTask;
        }
    }
}
