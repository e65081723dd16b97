using Bunit;
using Facturix.App.Leads.Duplicates;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Leads.Duplicates;

/// <summary>The merge wizard when its preview is refused, and the days it shows.</summary>
public sealed class MergeWizardTests : ShellTestContext
{
    private static readonly Guid Older = Guid.NewGuid();
    private static readonly Guid Newer = Guid.NewGuid();

    // Created at 00:30 in Paris on 15 March (23:30 UTC on the 14th): the person's day is the 15th whatever the server's zone.
    private static readonly DuplicateGroupView Group = new(Guid.NewGuid(), DuplicateReason.Email, "camille@acme.fr", DateTimeOffset.UtcNow,
    [
        new DuplicateMemberView(Older, "Camille Martin", "Acme", "camille@acme.fr", null, "Relance", LeadStatus.New, new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero)),
        new DuplicateMemberView(Newer, "Camille Martin", "Acme SA", "camille@acme.fr", null, "Relance", LeadStatus.New, new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero)),
    ]);

    private readonly PreviewOnRetry _duplicates;

    public MergeWizardTests() : this(new PreviewOnRetry()) { }

    private MergeWizardTests(PreviewOnRetry duplicates) : base(services => services.AddSingleton<IDuplicateService>(duplicates))
    {
        _duplicates = duplicates;
        SignIn(Roles.Manager);
    }

    [Fact]
    public void A_refused_preview_says_so_and_offers_retry_and_cancel_instead_of_an_endless_skeleton()
    {
        Render<MudSnackbarProvider>();
        var closed = 0;
        var wizard = Render<MergeWizard>(p => p.Add(w => w.Group, Group).Add(w => w.Closed, () => closed++));

        Assert.NotNull(wizard.WaitForElement("[data-testid=merge-preview-failed]"));
        Assert.Empty(wizard.FindAll(".mud-skeleton"));
        Assert.Empty(wizard.FindAll("[data-testid=merge-confirm]"));

        wizard.Find("[data-testid=load-retry]").Click();
        Assert.NotNull(wizard.WaitForElement("[data-testid=merge-confirm]"));
        Assert.Empty(wizard.FindAll("[data-testid=merge-preview-failed]"));

        wizard.Find("[data-testid=merge-cancel]").Click();
        Assert.Equal(1, closed);
    }

    [Fact]
    public void Each_lead_shows_the_day_it_was_created_in_the_persons_zone()
    {
        var wizard = Render<MergeWizard>(p => p.Add(w => w.Group, Group));

        var options = wizard.Find("[data-testid=merge-survivor]").TextContent;
        Assert.Contains("Acme · 15/03/2026", options);
    }

    /// <summary>Refuses the first preview (a lead merged meanwhile), then answers.</summary>
    private sealed class PreviewOnRetry : IDuplicateService
    {
        private int _previews;

        public Task<MergePreview> PreviewMergeAsync(Actor actor, Guid survivorId, Guid mergedId, CancellationToken ct = default)
        {
            if (++_previews == 1) throw new NotFoundException("lead", mergedId);
            var values = Enum.GetValues<MergeField>().ToDictionary(f => f, _ => (string?)"x");
            return Task.FromResult(new MergePreview(survivorId, mergedId, values, values, 0, 0));
        }

        public Task<PagedResult<DuplicateGroupView>> ListGroupsAsync(Actor actor, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Guid> MergeAsync(Actor actor, Guid survivorId, Guid mergedId, IReadOnlySet<MergeField> takeFromMerged, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UndoMergeAsync(Actor actor, Guid mergeId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<LeadMergeView>> RecentMergesAsync(Actor actor, int take = 10, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DismissAsync(Actor actor, Guid groupId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task RequestScanAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> IsScanRunningAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
