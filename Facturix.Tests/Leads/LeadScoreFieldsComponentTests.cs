using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads;

/// <summary>The lead page's website and headcount fields (headcount is a score input, docs/decisions/0039).</summary>
public sealed class LeadScoreFieldsComponentTests : ShellTestContext
{
    private readonly CapturingLeads _leads;

    public LeadScoreFieldsComponentTests() : this(new CapturingLeads()) { }

    private LeadScoreFieldsComponentTests(CapturingLeads leads) : base(services => services.AddSingleton<ILeadService>(leads))
    {
        _leads = leads;
        SignIn(Roles.Admin);
    }

    private IRenderedComponent<LeadFieldsCard> RenderFields() => Render<LeadFieldsCard>(p => p.Add(c => c.CanEdit, true).Add(c => c.Lead, new LeadDetails(
        Guid.NewGuid(), "Camille", "Martin", "PDG", "Acme", null, null, "FR", null,
        LeadStatus.New, null, StatusCategory.New, null, null, null, Guid.NewGuid(), "Printemps", Guid.NewGuid(), "Client",
        null, 7, [], new LeadScore(30, 30, []), "https://acme.fr", 40)));

    [Fact]
    public void Website_and_headcount_show_the_stored_values_refuse_bad_ones_and_save_good_ones()
    {
        var card = RenderFields();
        Assert.Equal("https://acme.fr", card.Find("[data-testid=lead-field-website]").GetAttribute("value"));
        Assert.Equal("40", card.Find("[data-testid=lead-field-company-employees]").GetAttribute("value"));

        // A negative headcount cannot be typed (the field's minimum is 0; the service refuses it too: LeadScoreUpkeepTests).
        card.Find("[data-testid=lead-field-website]").Input("pas un site");
        card.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal(["Website"],
            card.FindAll("[data-testid=field-error]").Select(e => e.GetAttribute("data-field"))));
        Assert.Null(_leads.Saved);

        card.Find("[data-testid=lead-field-website]").Input("www.acme.fr");
        card.Find("[data-testid=lead-field-company-employees]").Input("250");
        card.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal(("www.acme.fr", 250), (_leads.Saved?.Website, _leads.Saved?.CompanyEmployees ?? 0)));
    }

    private sealed class CapturingLeads : ILeadService
    {
        public LeadEditInput? Saved { get; private set; }

        public Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default)
        {
            Saved = input;
            return Task.CompletedTask;
        }

        public Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
