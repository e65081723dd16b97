using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Facturix.App.Components.Layout;
using Facturix.App.Shell;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Facturix.Tests.Support;

/// <summary>
/// A bUnit context wired like the app's shell: MudBlazor, the real localization (embedded .resx), the real
/// <see cref="ActorAccessor"/> over bUnit's fake authentication, and an in-memory preferences double.
/// Sets the thread's UI culture for the test and restores it afterwards.
/// </summary>
public abstract class ShellTestContext : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _originalCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;

    internal static readonly Guid UserId = Guid.Parse("6f1d4c1e-3a3b-4d8e-9f0a-1b2c3d4e5f60");

    internal InMemoryUserPreferencesService Preferences { get; } = new();
    internal BunitAuthorizationContext Auth { get; }
    internal FakeAntiforgeryStateProvider Antiforgery { get; } = new();
    internal FakeActorResolver Actors { get; } = new();

    protected ShellTestContext() : this(null) { }

    /// <summary>For page tests: <paramref name="services"/> adds the page's own services (domain doubles)
    /// before anything is resolved, which bUnit requires.</summary>
    protected ShellTestContext(Action<IServiceCollection>? services)
    {
        services?.Invoke(Services);
        UseCulture("fr");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddFacturixErrors();
        Services.AddHttpContextAccessor();
        Services.AddScoped<ActorAccessor>();
        Services.AddScoped<Facturix.App.Import.ImportOpening>();
        Services.AddSingleton<IActorResolver>(Actors);
        Services.TryAddSingleton<ILiveEvents>(new InMemoryLiveEvents());
        Services.TryAddSingleton(TimeProvider.System); // page tests may register a FakeTimeProvider first
        Services.AddSingleton<UserClock>();
        // The layout's "your import finished" notice (for who may run imports) reads the imports: none, unless a page
        // test registered its own double first.
        Services.TryAddSingleton<IImportService>(new ScriptedImports());
        // The lead page's tasks card ticks tasks off and sets new ones: none, unless a page test registered its own.
        Services.TryAddSingleton<Facturix.Domain.Tasks.ITaskService>(new Facturix.Tests.Tasks.ScriptedTasks());
        Services.AddSingleton<IUserPreferencesService>(Preferences);
        Services.AddSingleton<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider>(Antiforgery);
        Auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>
    /// Signs a staff member in with Identity's claim shapes (NameIdentifier Guid, Email, Role). The actor has the
    /// role's default capabilities and scope (agency-wide or nothing) unless <paramref name="scope"/> says otherwise.
    /// </summary>
    internal void SignIn(string role, string email = "someone@facturix.local", string displayName = "Camille Martin",
        ScopeSnapshot? scope = null)
    {
        var actor = Actor.WithDefaultCapabilities(UserId, email, role) with { DisplayName = displayName };
        Actors.Set(scope is null ? actor : actor with { Scope = scope });
        Auth.SetAuthorized(email);
        Auth.SetRoles(role);
        Auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, UserId.ToString()),
            new Claim(ClaimTypes.Email, email),
            new Claim(Facturix.App.Users.FacturixClaimsPrincipalFactory.DisplayNameClaimType, displayName));
    }

    internal static void UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>Renders the real main layout around a trivial page body.</summary>
    internal IRenderedComponent<MainLayout> RenderShell(string path = "/dashboard")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are IAsyncDisposable only: xunit must dispose the context asynchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _originalCulture;
        CultureInfo.CurrentUICulture = _originalUiCulture;
        await DisposeAsync();
    }
}
