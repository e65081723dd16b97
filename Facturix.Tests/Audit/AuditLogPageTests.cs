using Bunit;
using Facturix.App.Audit;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Audit;

public sealed class AuditLogPageTests() : ShellTestContext(services => services.AddSingleton<IAuditLog>(new ScriptedLog()))
{
    private ScriptedLog Log => (ScriptedLog)Services.GetRequiredService<IAuditLog>();

    private static AuditEntry Entry(long id, string action, string? email, string? before = null, string? after = null, string? details = null) =>
        new(id, new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), email, email is null ? null : "Camille Martin", action,
            "account", Guid.NewGuid(), "Acme SAS", before, after, details, "192.0.2.10");

    [Fact]
    public void Rows_carry_their_hooks_and_expand_to_before_after_in_the_readers_zone()
    {
        SignIn(Roles.Admin);
        Log.Rows = [Entry(2, "account.renamed", "boss@facturix.local", """{"name":"Old"}""", """{"name":"New"}"""), Entry(1, "signin.unknown-email", null)];

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-row]").Count));
        var first = page.FindAll("[data-testid=audit-row]")[0];
        Assert.Equal("account.renamed", first.GetAttribute("data-action"));
        Assert.Equal("boss@facturix.local", first.GetAttribute("data-actor-email"));
        Assert.Contains("23/11/2026 09:30", first.TextContent); // 08:30 UTC in Paris
        Assert.Contains("Système", page.FindAll("[data-testid=audit-row]")[1].TextContent);
        // Actions and target types read in French, the code under them; a code with no label yet shows as itself.
        Assert.Equal(["account.renamed", "Connexion avec un e-mail inconnu"], page.FindAll("[data-testid=audit-action-label]").Select(l => l.TextContent));
        Assert.Contains("signin.unknown-email", page.FindAll("[data-testid=audit-row]")[1].TextContent);
        Assert.Contains("compte client", first.TextContent);
        Assert.Empty(page.FindAll("[data-testid=audit-details]"));

        first.QuerySelector("[data-testid=audit-row-details]")!.Click();

        var details = page.WaitForElement("[data-testid=audit-details]");
        Assert.Contains("\"Old\"", details.QuerySelector("[data-testid=audit-before]")!.TextContent);
        Assert.Contains("\"New\"", details.QuerySelector("[data-testid=audit-after]")!.TextContent);
        Assert.Contains("192.0.2.10", details.TextContent);
        Assert.Equal("2", page.Find("[data-testid=audit-total]").GetAttribute("data-value"));
        Assert.Equal("2 événements", page.Find("[data-testid=audit-total]").TextContent.Trim());
    }

    [Fact]
    public void An_actor_known_only_by_the_email_tried_is_named_once()
    {
        SignIn(Roles.Admin);
        Log.Rows = [Entry(1, "signin.rate-limited", "bd1@facturix.local") with { ActorName = null }];

        var page = Render<AuditLogPage>();

        var actor = page.WaitForElement("[data-testid=audit-row] td:nth-child(2)");
        Assert.Equal("bd1@facturix.local", actor.TextContent.Trim()); // was "bd1@facturix.local bd1@facturix.local"
    }

    [Fact]
    public void The_action_filter_lists_actions_by_their_label()
    {
        SignIn(Roles.Admin);
        Log.Rows = [Entry(2, "account.created", "boss@facturix.local"), Entry(1, "campaign.created", "boss@facturix.local")];
        var host = Render<TabHost>(p => p.AddChildContent<AuditLogPage>());
        host.WaitForElement("[data-testid=audit-row]");

        host.Find("[data-testid=audit-filter-action]").ParentElement!.MouseDown();

        // By what the person reads ("Campagne créée" before "Compte client créé"), not by code (account before campaign).
        var items = host.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim());
        Assert.Equal(["Campagne créée", "Compte client créé"], items);
    }

    [Fact]
    public void A_filter_reloads_from_the_first_page_and_the_export_link_carries_it()
    {
        SignIn(Roles.Manager);
        Log.Rows = [Entry(1, "lead.status-changed", "bd1@facturix.local")];
        var page = Render<AuditLogPage>();
        page.WaitForElement("[data-testid=audit-row]");
        Assert.Equal("1 événement", page.Find("[data-testid=audit-total]").TextContent.Trim()); // not "1 événement(s)"

        page.Find("[data-testid=audit-filter-target] input, input[data-testid=audit-filter-target]").Change("Acme");

        page.WaitForAssertion(() => Assert.Equal("Acme", Log.LastQuery?.Target));
        Assert.Equal(0, Log.LastPage!.Page);
        Assert.Equal("/admin/audit/export?target=Acme", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public void No_match_shows_an_empty_state_whose_one_action_clears_the_filters()
    {
        SignIn(Roles.Admin);
        var page = Render<AuditLogPage>();
        page.WaitForElement("[data-testid=audit-empty]");
        Assert.Empty(page.FindAll("[data-testid=audit-clear-filters]"));

        page.Find("[data-testid=audit-filter-actor] input, input[data-testid=audit-filter-actor]").Change("nobody@");
        page.WaitForElement("[data-testid=audit-clear-filters]").Click();

        page.WaitForAssertion(() => Assert.Null(Log.LastQuery?.ActorEmail));
        Assert.Equal("/admin/audit/export", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    private sealed class ScriptedLog : IAuditLog
    {
        public IReadOnlyList<AuditEntry> Rows { get; set; } = [];
        public AuditQuery? LastQuery { get; private set; }
        public PageRequest? LastPage { get; private set; }

        public Task<PagedResult<AuditEntry>> SearchAsync(Actor actor, AuditQuery query, PageRequest page, CancellationToken ct = default)
        {
            LastQuery = query;
            LastPage = page;
            var rows = query.ActorEmail is null ? Rows : [];
            return Task.FromResult(new PagedResult<AuditEntry>(rows, rows.Count));
        }

        public Task<IReadOnlyList<string>> ListActionsAsync(Actor actor, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<string>>(Rows.Select(r => r.Action).Distinct().Order().ToList());

        public Task<int> ExportCsvAsync(Actor actor, AuditQuery query, Stream output, AuditExportLabels? labels = null,
            CancellationToken ct = default) => Task.FromResult(0);
    }
}
