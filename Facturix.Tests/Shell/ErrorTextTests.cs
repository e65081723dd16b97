using System.Globalization;
using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Shell;

/// <summary>Codes become words in the person's language; an exception's own text never reaches the screen.</summary>
public sealed class ErrorTextTests : IDisposable
{
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;
    private readonly LogRecorder _logs = new();
    private readonly ServiceProvider _services;
    private readonly ErrorText _text;

    public ErrorTextTests()
    {
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(_logs))
            .AddFacturixLocalization()
            .AddFacturixErrors()
            .BuildServiceProvider();
        _text = _services.GetRequiredService<ErrorText>();
        UseCulture("fr");
    }

    [Theory]
    [InlineData("fr", "Vous n'avez pas le droit")]
    [InlineData("en", "You are not allowed")]
    public void A_refusal_is_worded_by_its_code_in_the_current_language(string culture, string expected)
    {
        UseCulture(culture);
        Assert.StartsWith(expected, _text.Describe(new ForbiddenException(ErrorCodes.Forbidden, Capability.UsersManage)));
    }

    [Fact]
    public void Each_kind_of_refusal_has_its_own_words()
    {
        var messages = new[]
        {
            _text.Describe(new ForbiddenException(ErrorCodes.Forbidden)),
            _text.Describe(new ForbiddenException(ErrorCodes.ForbiddenInactive)),
            _text.Describe(new NotFoundException("lead", Guid.NewGuid())),
            _text.Describe(ConflictException.Concurrency("lead", Guid.NewGuid())),
            _text.Describe(new ConflictException(ErrorCodes.SelfDeactivation, "log text")),
            _text.Describe(new DbUpdateConcurrencyException("EF detail")),
        };
        Assert.Equal(messages.Length - 1, messages.Distinct().Count()); // EF's concurrency failure reads like ours
        Assert.Equal(messages[3], messages[5]);
        Assert.DoesNotContain(messages, m => m.Contains("log text") || m.Contains("EF detail") || m.Contains("lead"));
    }

    [Fact]
    public void An_unexpected_exception_gives_the_generic_message_and_never_its_own_text()
    {
        var message = _text.Describe(new InvalidOperationException("Npgsql: password authentication failed for user x"));

        Assert.StartsWith("Une erreur inattendue", message);
        Assert.DoesNotContain("Npgsql", message);
    }

    [Theory]
    [InlineData("fr", "Ce texte contient un caractère invisible")]
    [InlineData("en", "This text contains an invisible character")]
    public void A_character_PostgreSQL_cannot_store_is_named_not_called_unexpected(string culture, string expected)
    {
        UseCulture(culture);
        var refused = new DbUpdateException("EF detail", new Npgsql.PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021"));

        Assert.StartsWith(expected, _text.Describe(refused));
    }

    [Fact]
    public void A_validation_exception_reads_as_its_first_failure()
    {
        var failures = new AccountInputValidator().Validate(new AccountInput { Name = "", Country = "FR" }).Errors;

        Assert.Equal("Saisissez le nom du compte.", _text.Describe(new ValidationException(failures)));
    }

    [Theory]
    [InlineData("fr", "Le nom ne doit pas dépasser 200 caractères.")]
    [InlineData("en", "The name must not be longer than 200 characters.")]
    public void Placeholders_of_the_rule_are_filled_in(string culture, string expected)
    {
        UseCulture(culture);
        var failure = new AccountInputValidator().Validate(new AccountInput { Name = new string('a', 201) }).Errors.Single();

        Assert.Equal(expected, _text.Describe(failure));
    }

    [Theory]
    [InlineData("fr", "", "x", "Saisissez votre e-mail.")]
    [InlineData("fr", "not-an-email", "x", "Saisissez un e-mail valide, par exemple nom@entreprise.fr.")]
    [InlineData("en", "", "x", "Enter your email.")]
    [InlineData("en", "someone@facturix.local", "", "Enter your password.")]
    public void The_sign_in_form_reads_the_same_words_as_before_its_move_to_domain(string culture, string email, string password, string expected)
    {
        UseCulture(culture);
        var failure = new SignInInputValidator().Validate(new SignInInput { Email = email, Password = password }).Errors.First();

        Assert.Equal(expected, _text.Describe(failure));
    }

    [Fact]
    public void The_attempted_value_can_be_named_in_the_message()
    {
        var failure = new RoleSetValidator().Validate(["Admin", "Boss"]).Errors.Single();

        Assert.Equal("Rôle inconnu\u00A0: Boss.", _text.Describe(failure));
    }

    [Fact]
    public void A_code_without_words_falls_back_to_the_generic_invalid_message_and_is_logged()
    {
        var message = _text.Describe(new ValidationFailure("Name", "FluentValidation's English text") { ErrorCode = "account.name.made-up" });

        Assert.Equal("Cette valeur n'est pas valide.", message);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("account.name.made-up"));
    }

    [Fact]
    public void A_service_code_without_words_still_says_what_kind_of_refusal_it_is()
    {
        var message = _text.Describe(new ConflictException("conflict.made-up", "log text"));

        Assert.Equal(_text.Describe(new ConflictException(ErrorCodes.Conflict, "other")), message);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("conflict.made-up"));
    }

    private static void UseCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _originalUiCulture;
        _services.Dispose();
    }
}
