using Bunit;
using Facturix.App.Accounts;
using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Accounts;

/// <summary>
/// The account form (create and edit): rules on the fields as the person types, the service's refusals on the same
/// fields after a submit (field-error hooks), in French and English, and what was typed is never lost.
/// </summary>
public sealed class AccountFormTests : ShellTestContext
{
    private readonly FakeAccounts _accounts;

    public AccountFormTests() : this(new FakeAccounts()) { }

    private AccountFormTests(FakeAccounts accounts) : base(services => services.AddSingleton<IAccountService>(accounts))
    {
        _accounts = accounts;
        SignIn(Roles.Admin);
    }

    [Fact]
    public void Submitting_an_empty_form_shows_the_error_on_the_name_field_and_calls_nothing()
    {
        var host = Render<AccountFormHost>();

        host.Find("form").Submit();

        var error = host.WaitForElement("[data-testid=field-error][data-field=Name]");
        Assert.Equal("Saisissez le nom du compte.", error.TextContent.Trim());
        Assert.Equal(0, _accounts.Calls);
    }

    [Theory]
    [InlineData("fr", "Ce SIREN n'existe pas")]
    [InlineData("en", "This SIREN does not exist")]
    public void A_wrong_SIREN_check_digit_is_caught_as_typed_in_the_readers_language(string culture, string expected)
    {
        UseCulture(culture);
        var host = Render<AccountFormHost>();

        Type(host, "account-name", "Acme");
        Type(host, "account-siren", "732829321");

        var error = host.WaitForElement("[data-testid=field-error][data-field=Siren]");
        Assert.StartsWith(expected, error.TextContent.Trim());
    }

    [Fact]
    public void A_corrected_field_keeps_its_message_line_so_the_form_below_does_not_move()
    {
        // The error clears when the field is left, often by pressing Save below it: had the form shrunk between the
        // press and the release, the button would have moved from under the pointer and the click been lost.
        var host = Render<AccountFormHost>();
        Type(host, "account-siren", "732829321");
        host.WaitForElement("[data-testid=field-error][data-field=Siren]");

        Type(host, "account-siren", "732829320");

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=field-error]")));
        var kept = Assert.Single(host.FindAll(".fx-field-error"));
        Assert.Contains("fx-field-error--cleared", kept.ClassList);
        Assert.Equal("true", kept.GetAttribute("aria-hidden"));
        Assert.Null(kept.GetAttribute("role"));
        // A field that never had an error reserves nothing.
        Type(host, "account-city", "Lyon");
        Assert.Single(host.FindAll(".fx-field-error"));
    }

    [Fact]
    public void A_server_refusal_lands_on_its_fields_and_keeps_everything_typed()
    {
        _accounts.OnCreate = _ => throw new ValidationException(
        [
            new ValidationFailure(nameof(AccountInput.ClientContactPhone), "never shown") { ErrorCode = "account.contact-phone.format" },
            new ValidationFailure(nameof(AccountInput.Website), "never shown") { ErrorCode = "account.website.format" },
        ]);
        var host = Render<AccountFormHost>();
        Type(host, "account-name", "Boulangeries Martin");
        Type(host, "account-siren", "732829320");
        Type(host, "account-contact-phone", "06 12 34 56 78");
        Type(host, "account-city", "Lyon");

        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Equal(["ClientContactPhone", "Website"],
            host.FindAll("[data-testid=field-error]").Select(e => e.GetAttribute("data-field")).Order()));
        Assert.StartsWith("Ce numéro de téléphone n'est pas valide",
            host.Find("[data-testid=field-error][data-field=ClientContactPhone]").TextContent.Trim());
        Assert.Equal(1, _accounts.Calls);
        Assert.Null(host.Instance.SavedId);
        Assert.Equal("Boulangeries Martin", Value(host, "account-name"));
        Assert.Equal("732829320", Value(host, "account-siren"));
        Assert.Equal("06 12 34 56 78", Value(host, "account-contact-phone"));
        Assert.Equal("Lyon", Value(host, "account-city"));
    }

    [Fact]
    public void A_concurrent_edit_says_so_and_keeps_the_edit_on_screen()
    {
        var id = Guid.NewGuid();
        uint? sentVersion = null;
        _accounts.OnUpdate = (_, version) =>
        {
            sentVersion = version;
            throw ConflictException.Concurrency("account", id);
        };
        var host = Render<AccountFormHost>(p => p
            .Add(h => h.AccountId, id).Add(h => h.Version, 42u).Add(h => h.Initial, new AccountInput { Name = "Acme", City = "Lyon" }));
        Assert.Equal("Acme", Value(host, "account-name"));
        Type(host, "account-name", "Acme Groupe");

        host.Find("form").Submit();

        var toast = host.WaitForElement("[data-testid=toast]");
        Assert.Equal("warning", toast.GetAttribute("data-severity"));
        Assert.StartsWith("Quelqu'un d'autre a modifié cet élément entre-temps.", toast.TextContent);
        Assert.Equal(42u, sentVersion);
        Assert.Null(host.Instance.SavedId);
        Assert.Equal("Acme Groupe", Value(host, "account-name"));
    }

    [Fact]
    public void An_accepted_form_hands_back_the_new_account_id_with_the_typed_values()
    {
        var created = Guid.NewGuid();
        AccountInput? sent = null;
        _accounts.OnCreate = input => { sent = input; return created; };
        var host = Render<AccountFormHost>();
        Type(host, "account-name", "Acme");
        Type(host, "account-website", "https://acme.fr");

        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Equal(created, host.Instance.SavedId));
        Assert.Equal(("Acme", "https://acme.fr", "FR"), (sent!.Name, sent.Website, sent.Country));
    }

    private static void Type(IRenderedComponent<AccountFormHost> host, string testId, string value) =>
        host.Find($"[data-testid={testId}]").Change(value);

    private static string? Value(IRenderedComponent<AccountFormHost> host, string testId) =>
        host.Find($"[data-testid={testId}]").GetAttribute("value");

    /// <summary>Only what the form calls; everything else is not the form's business.</summary>
    private sealed class FakeAccounts : IAccountService
    {
        public int Calls;
        public Func<AccountInput, Guid> OnCreate { get; set; } = _ => Guid.NewGuid();
        public Action<AccountInput, uint> OnUpdate { get; set; } = (_, _) => { };

        public Task<Guid> CreateAsync(Actor actor, AccountInput input, CancellationToken ct = default)
        {
            Calls++;
            return Task.FromResult(OnCreate(input));
        }

        public Task UpdateAsync(Actor actor, Guid accountId, AccountInput input, uint expectedVersion, CancellationToken ct = default)
        {
            Calls++;
            OnUpdate(input, expectedVersion);
            return Task.CompletedTask;
        }

        public Task<PagedResult<AccountRow>> ListAsync(Actor actor, AccountListQuery query, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<AccountFilterOptions> GetFilterOptionsAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<AccountDetails> GetAsync(Actor actor, Guid accountId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task ArchiveAsync(Actor actor, Guid accountId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task RestoreAsync(Actor actor, Guid accountId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DeleteAsync(Actor actor, Guid accountId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<AccountManager>> ListManagerCandidatesAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
        public Task AssignManagerAsync(Actor actor, Guid accountId, Guid managerId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UnassignManagerAsync(Actor actor, Guid accountId, Guid managerId, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
