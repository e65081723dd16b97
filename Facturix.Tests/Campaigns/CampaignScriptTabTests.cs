using Bunit;
using Facturix.App.Campaigns.Script;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Campaigns;

public sealed class CampaignScriptTabTests() : ShellTestContext(services => services
    .AddSingleton<ICampaignScriptService>(new FakeScripts()))
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(3);
    private FakeScripts Scripts => (FakeScripts)Services.GetRequiredService<ICampaignScriptService>();

    private IRenderedComponent<TabHost> RenderTab(bool canEdit) =>
        Render<TabHost>(p => p.AddChildContent<CampaignScriptTab>(t => t
            .Add(x => x.CampaignId, CampaignId).Add(x => x.CanEdit, canEdit)));

    [Fact]
    public void The_preview_fills_tokens_from_the_sample_as_the_person_types_and_flags_unknown_ones()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);

        tab.Find("textarea[data-testid=script-editor]").Input("# Bonjour {{firstName}} {{lastName}}\n\nIci {{bdName}}, pour {{company}} et {{prenom}}");

        tab.WaitForAssertion(() =>
        {
            var preview = tab.Find("[data-testid=script-preview]");
            Assert.Equal("Bonjour Jeanne Durand", preview.QuerySelector("h1")!.TextContent);
            Assert.Contains("Ici Camille Martin, pour Boulangerie &lt;Durand&gt; et {{prenom}}", preview.InnerHtml);
            var unknown = Assert.Single(tab.FindAll("[data-testid=script-unknown-token]"));
            Assert.Equal("prenom", unknown.GetAttribute("data-token"));
        }, Debounce);
    }

    [Fact]
    public void A_token_button_inserts_the_token_and_the_preview_follows()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);

        tab.Find("[data-testid=script-token][data-token=company]").Click();

        tab.WaitForAssertion(() =>
            Assert.Contains("Existant Boulangerie &lt;Durand&gt;", tab.Find("[data-testid=script-preview]").InnerHtml), Debounce);
        Assert.Equal("Existant {{company}}", tab.Find("textarea[data-testid=script-editor]").GetAttribute("value"));
    }

    [Fact]
    public void Saving_sends_the_script_the_objections_and_the_version_read()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);
        tab.Find("[data-testid=objection-add]").Click();
        Type(tab, "[data-testid=objection-row] input[data-testid=objection-text]", "Trop cher", shows: "Trop cher");
        Type(tab, "[data-testid=objection-row] textarea[data-testid=objection-answer]", "Parlons du **retour**.", shows: "Parlons du retour.");

        tab.Find("form").Submit();

        tab.WaitForAssertion(() => Assert.NotNull(Scripts.Saved));
        Assert.Equal(7u, Scripts.SavedVersion);
        Assert.Equal("Existant", Scripts.Saved!.Script);
        Assert.Equal([("Existant", "Réponse"), ("Trop cher", "Parlons du **retour**.")],
            Scripts.Saved.Objections.Select(o => (o.Objection, o.Answer)));
    }

    [Fact]
    public void A_stale_version_shows_the_conflict_and_keeps_what_was_typed()
    {
        SignIn(Roles.Manager);
        Scripts.SaveError = ConflictException.Concurrency("campaign", CampaignId);
        var tab = RenderTab(canEdit: true);
        Type(tab, "textarea[data-testid=script-editor]", "Ma version", shows: "Ma version");

        tab.Find("form").Submit();

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=script-conflict]")));
        Assert.Equal("Ma version", tab.Find("textarea[data-testid=script-editor]").GetAttribute("value"));
        Assert.Contains(tab.FindAll("[data-testid=toast]"), t => t.GetAttribute("data-severity") == "warning");
    }

    [Fact]
    public void An_empty_objection_is_flagged_on_its_field_and_nothing_is_saved()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);
        tab.Find("[data-testid=objection-add]").Click();

        tab.Find("form").Submit();

        tab.WaitForAssertion(() => Assert.Contains(tab.FindAll("[data-testid=field-error]"), e => e.GetAttribute("data-field") == "Objection"));
        Assert.Null(Scripts.Saved);
    }

    [Fact]
    public void A_BD_reads_the_rendered_script_without_an_editor_and_it_follows_changes_live()
    {
        SignIn(Roles.BusinessDeveloper);
        var tab = RenderTab(canEdit: false);
        tab.WaitForAssertion(() => Assert.Contains("Existant", tab.Find("[data-testid=script-preview]").TextContent));
        Assert.Empty(tab.FindAll("[data-testid=script-editor]"));
        Assert.Equal("Réponse", tab.Find("[data-testid=script-objection] .fx-script__body").TextContent.Trim());

        Scripts.Current = Scripts.Current with { Script = "## Nouveau {{firstName}}", Version = 8 };
        _ = ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(new CampaignChanged(CampaignId, Guid.NewGuid()));

        tab.WaitForAssertion(() => Assert.Equal("Nouveau Jeanne", tab.Find("[data-testid=script-preview] h2").TextContent), Debounce);
    }

    [Fact]
    public async Task Typing_while_a_live_reload_is_on_its_way_keeps_what_was_typed_and_says_the_script_changed()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);
        tab.WaitForAssertion(() => Assert.Equal("Existant", tab.Find("textarea[data-testid=script-editor]").GetAttribute("value")));

        // Someone else saves; the reload starts while this person has not typed yet, and its read is slow.
        var slow = new TaskCompletionSource<CampaignScript>(TaskCreationOptions.RunContinuationsAsynchronously);
        Scripts.Next = slow.Task;
        await ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(new CampaignChanged(CampaignId, Guid.NewGuid()));
        tab.WaitForAssertion(() => Assert.Null(Scripts.Next));
        Type(tab, "textarea[data-testid=script-editor]", "Ma version", shows: "Ma version");

        slow.SetResult(Scripts.Current with { Script = "Leur version", Version = 8 });

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=script-changed-elsewhere]")));
        Assert.Equal("Ma version", tab.Find("textarea[data-testid=script-editor]").GetAttribute("value"));
    }

    /// <summary>Types like a person, then waits out the field's debounce: until the preview <paramref name="shows"/> the text.</summary>
    private static void Type(IRenderedComponent<TabHost> tab, string selector, string text, string shows)
    {
        tab.FindAll(selector)[^1].Input(text); // the newest row when there are several
        tab.WaitForAssertion(() => Assert.Contains(shows, tab.Find("[data-testid=script-preview]").TextContent), Debounce);
    }

    private sealed class FakeScripts : ICampaignScriptService
    {
        public CampaignScript Current { get; set; } = new(CampaignId, "Existant", [new ScriptObjection("Existant", "Réponse", 0)], 7,
            new ScriptSample("Jeanne", "Durand", "Boulangerie <Durand>", "Camille Martin"));
        public CampaignScriptInput? Saved { get; private set; }
        public uint SavedVersion { get; private set; }
        public Exception? SaveError { get; set; }

        /// <summary>The next read's answer, when a test holds it back; then reads answer <see cref="Current"/> again.</summary>
        public Task<CampaignScript>? Next { get; set; }

        public Task<CampaignScript> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
        {
            var answer = Next ?? Task.FromResult(Current);
            Next = null;
            return answer;
        }

        public Task<uint> SaveAsync(Actor actor, Guid campaignId, CampaignScriptInput input, uint expectedVersion, CancellationToken ct = default)
        {
            if (SaveError is not null) throw SaveError;
            Saved = input;
            SavedVersion = expectedVersion;
            return Task.FromResult(expectedVersion + 1);
        }
    }
}
