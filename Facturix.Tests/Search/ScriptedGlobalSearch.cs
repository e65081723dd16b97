using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Search;
using Facturix.Domain.Users;

namespace Facturix.Tests.Search;

/// <summary>The global search played in memory for component tests: answers by text, records what was asked.</summary>
internal sealed class ScriptedGlobalSearch : IGlobalSearch
{
    public List<string?> Asked { get; } = [];

    /// <summary>The answer for a text (trimmed); by default nothing found.</summary>
    public Func<string, Task<GlobalSearchResults>> Answer { get; set; } = text => Task.FromResult(Nothing(text));

    public Task<GlobalSearchResults> SearchAsync(Actor actor, string? text, int perKind, CancellationToken ct = default)
    {
        Asked.Add(text);
        return Answer(text!.Trim());
    }

    public static GlobalSearchResults Nothing(string text) =>
        new(text, SearchHits<LeadRow>.None, SearchHits<AccountRow>.None, SearchHits<CampaignRow>.None);

    public static LeadRow Lead(string first, string last, string company = "Aciéries du Nord") =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Printemps 2026", "Client", first, last, company, "contact@example.fr", "+33612345678",
            "FR", LeadStatus.New, null, 0, null, DateTimeOffset.UtcNow, null, null);

    public static AccountRow Account(string name) =>
        new(Guid.NewGuid(), name, "123456789", "Lyon", "FR", null, AccountStatus.Active, 2, [], DateTimeOffset.UtcNow, false);

    public static CampaignRow Campaign(string name) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), "Client", CampaignState.Active, null, null, 40, false);
}
