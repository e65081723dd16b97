using AngleSharp.Dom;
using Bunit;
using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Shell;

/// <summary>
/// A form reads every failure in the person's language, on the field it concerns, and keeps what was typed:
/// client-side rules, a service's validation failures, refusals with a code, and the unexpected.
/// </summary>
public sealed class FormErrorsTests() : ShellTestContext(services => services
    .AddSingleton<LogRecorder>()
    .AddSingleton<ILoggerFactory>(sp => new LoggerFactory([sp.GetRequiredService<LogRecorder>()]))
    .AddSingleton(typeof(ILogger<>), typeof(Logger<>)))
{
    private LogRecorder Logs => Services.GetRequiredService<LogRecorder>();

    [Theory]
    [InlineData("fr", "Saisissez le nom du compte.")]
    [InlineData("en", "Enter the account name.")]
    public void Client_side_rules_show_a_localized_message_under_the_field(string culture, string expected)
    {
        UseCulture(culture);
        var calls = 0;
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => { calls++; return Task.CompletedTask; }));

        form.Find("form").Submit();

        Assert.Equal(expected, MessageUnder(form, "account-name"));
        Assert.Null(MessageUnder(form, "account-country"));
        Assert.Equal(0, calls); // an invalid form never reaches the service
    }

    [Fact]
    public void A_service_validation_failure_lands_under_its_field_and_the_typed_values_stay()
    {
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => throw Invalid("Siren", "account.siren.format")));
        Type(form, "account-name", "Acme");
        Type(form, "account-siren", "552100554");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.StartsWith("Un SIREN compte 9 chiffres", MessageUnder(form, "account-siren")));
        Assert.Null(MessageUnder(form, "account-name"));
        Assert.False(form.Instance.Saved);
        Assert.Equal(("Acme", "552100554"), (form.Instance.Input.Name, form.Instance.Input.Siren));
        Assert.Equal("Acme", form.Find("[data-testid=account-name]").GetAttribute("value"));
        Assert.Equal("552100554", form.Find("[data-testid=account-siren]").GetAttribute("value"));
        Assert.Empty(form.FindAll("[data-testid=toast]")); // the field says it; no toast on top
    }

    [Fact]
    public void A_server_message_goes_when_its_field_is_changed()
    {
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => throw Invalid("Siren", "account.siren.format")));
        Type(form, "account-name", "Acme");
        Type(form, "account-siren", "552100554");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.NotNull(MessageUnder(form, "account-siren")));

        Type(form, "account-siren", "732829320");

        form.WaitForAssertion(() => Assert.Null(MessageUnder(form, "account-siren")));
    }

    [Fact]
    public void A_failure_that_names_no_field_of_the_form_becomes_a_toast()
    {
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => throw Invalid("Roles", "user.roles.unknown", "Boss")));
        Type(form, "account-name", "Acme");

        form.Find("form").Submit();

        var toast = form.WaitForElement("[data-testid=toast]");
        Assert.Equal("warning", toast.GetAttribute("data-severity"));
        Assert.Equal("Rôle inconnu\u00A0: Boss.", toast.TextContent);
    }

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "fr", ErrorCodes.Forbidden, "error", "Vous n'avez pas le droit de faire cette action." },
        { "en", ErrorCodes.Forbidden, "error", "You are not allowed to do this." },
        { "fr", ErrorCodes.Concurrency, "warning", "Quelqu'un d'autre a modifié cet élément entre-temps." },
        { "en", ErrorCodes.Concurrency, "warning", "Someone else changed this item in the meantime." },
        { "fr", ErrorCodes.NotFound, "warning", "Cet élément n'existe plus ou ne vous est pas accessible." },
        { "en", ErrorCodes.NotFound, "warning", "This item no longer exists or is not available to you." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_refusal_gives_its_own_localized_toast_and_keeps_the_form(string culture, string code, string severity, string expected)
    {
        UseCulture(culture);
        var id = Guid.NewGuid();
        Exception refusal = code switch
        {
            ErrorCodes.Forbidden => new ForbiddenException(code, Facturix.Domain.Users.Capability.AccountsManage),
            ErrorCodes.Concurrency => ConflictException.Concurrency("account", id),
            _ => new NotFoundException("account", id),
        };
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => throw refusal));
        Type(form, "account-name", "Acme");

        form.Find("form").Submit();

        var toast = form.WaitForElement("[data-testid=toast]");
        Assert.Equal(severity, toast.GetAttribute("data-severity"));
        Assert.StartsWith(expected, toast.TextContent);
        Assert.DoesNotContain(id.ToString(), toast.TextContent); // the log text ("account {id} was not found") stays in logs
        Assert.False(form.Instance.Saved);
        Assert.Equal("Acme", form.Find("[data-testid=account-name]").GetAttribute("value"));
    }

    [Fact]
    public void An_unexpected_failure_shows_the_generic_message_and_logs_the_detail()
    {
        var boom = new InvalidOperationException("Npgsql: connection to db:5432 refused (Password=hunter2)");
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => throw boom));
        Type(form, "account-name", "Acme");

        form.Find("form").Submit();

        var toast = form.WaitForElement("[data-testid=toast]");
        Assert.Equal("error", toast.GetAttribute("data-severity"));
        Assert.StartsWith("Une erreur inattendue s'est produite.", toast.TextContent);
        Assert.DoesNotContain("hunter2", form.Markup);
        Assert.Contains(Logs.Entries, e => e.Level == LogLevel.Error && ReferenceEquals(e.Exception, boom));
        Assert.Equal("Acme", form.Instance.Input.Name);
    }

    [Fact]
    public void A_cancelled_call_shows_nothing()
    {
        var form = Render<AccountFormProbe>(p => p.Add(f => f.Save, _ => throw new OperationCanceledException()));
        Type(form, "account-name", "Acme");

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.False(form.Instance.Saved));
        Assert.Empty(form.FindAll("[data-testid=toast]"));
    }

    private static ValidationException Invalid(string property, string code, object? value = null) =>
        new([new ValidationFailure(property, "FluentValidation's English text, never shown", value)
        {
            ErrorCode = code,
            FormattedMessagePlaceholderValues = new Dictionary<string, object?> { ["PropertyValue"] = value }!,
        }]);

    private static void Type(IRenderedComponent<AccountFormProbe> form, string testId, string value) =>
        form.Find($"[data-testid={testId}]").Change(value);

    /// <summary>The message MudBlazor shows under an input, found the way a screen reader does (aria-describedby).</summary>
    private static string? MessageUnder(IRenderedComponent<AccountFormProbe> form, string testId)
    {
        var input = form.Find($"[data-testid={testId}]");
        if (input.GetAttribute("aria-invalid") != "true" || input.GetAttribute("aria-describedby") is not { Length: > 0 } id)
            return null;
        return form.Find($"[id='{id}']").TextContent.Trim();
    }
}
