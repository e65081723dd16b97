using Facturix.App.Localization;
using Facturix.Domain.Common;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Shell;

/// <summary>
/// The one place that turns a refusal into words a person can read, in the circuit's language: a service's
/// <see cref="FacturixException.Code"/> or a validator rule's error code is looked up in <see cref="ErrorStrings"/>.
/// An exception's own message is for logs and never reaches the screen. Singleton: the localizer reads the current
/// UI culture at each lookup.
/// </summary>
public sealed class ErrorText(IStringLocalizer<ErrorStrings> strings, ILogger<ErrorText> logger)
{
    /// <summary>The App's fallback for a validation code without a message (a rule added without its resource entry).</summary>
    public const string InvalidValueCode = "invalid";

    /// <summary>What to tell the person about <paramref name="exception"/>; never the exception's own text.</summary>
    public string Describe(Exception exception) => exception switch
    {
        FacturixException refusal => DescribeRefusal(refusal),
        ValidationException { Errors: var failures } when failures.FirstOrDefault() is { } first => Describe(first),
        ValidationException => Message(InvalidValueCode),
        // EF's own optimistic-concurrency failure, for services that let it through instead of wrapping it.
        DbUpdateConcurrencyException => Message(ErrorCodes.Concurrency),
        _ when IsUnstorableText(exception) => Message(ErrorCodes.UnstorableCharacter),
        _ => Message(ErrorCodes.Unexpected),
    };

    /// <summary>
    /// PostgreSQL refused a character of a text (U+0000: 22021 in a text value, 22P05 in JSON), wherever in the chain
    /// EF or Npgsql wrapped it. Saves drop the character first (<c>NulCharacters</c>); searches and set-wise writes
    /// still send what was typed.
    /// </summary>
    public static bool IsUnstorableText(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException { SqlState: "22021" or "22P05" })
                return true;
        }
        return false;
    }

    /// <summary>
    /// The message for one validation failure: its <see cref="ValidationFailure.ErrorCode"/> looked up, with the rule's
    /// named placeholders (<c>{MaxLength}</c>, <c>{ComparisonValue}</c>...) filled in. FluentValidation's own English
    /// <see cref="ValidationFailure.ErrorMessage"/> is ignored on purpose.
    /// </summary>
    public string Describe(ValidationFailure failure)
    {
        if (!TryMessage(failure.ErrorCode, out var template))
        {
            logger.LogWarning("No message for validation code {ErrorCode} on {PropertyName}; showing the generic one",
                failure.ErrorCode, failure.PropertyName);
            return Message(InvalidValueCode);
        }
        if (failure.FormattedMessagePlaceholderValues is not { Count: > 0 } values)
            return template;

        // FluentValidation's own formatter, so "{MaxLength}" and "{ComparisonValue:N0}" behave as its docs say.
        var formatter = new MessageFormatter();
        foreach (var (name, value) in values)
            formatter.AppendArgument(name, value);
        return formatter.BuildMessage(template);
    }

    /// <summary>True when <paramref name="code"/> has a message in the current language (or the French fallback).</summary>
    public bool HasMessage(string? code) => TryMessage(code, out _);

    private string DescribeRefusal(FacturixException refusal)
    {
        if (TryMessage(refusal.Code, out var message))
            return message;

        // A service invented a code and nobody wrote its message: say at least what kind of refusal it is.
        logger.LogWarning("No message for error code {ErrorCode} ({ExceptionType})", refusal.Code, refusal.GetType().Name);
        return Message(refusal switch
        {
            ForbiddenException => ErrorCodes.Forbidden,
            NotFoundException => ErrorCodes.NotFound,
            ConflictException => ErrorCodes.Conflict,
            _ => ErrorCodes.Unexpected,
        });
    }

    private string Message(string code) => strings[code].Value;

    private bool TryMessage(string? code, out string message)
    {
        message = "";
        if (string.IsNullOrEmpty(code))
            return false;
        var text = strings[code];
        if (text.ResourceNotFound || string.IsNullOrWhiteSpace(text.Value))
            return false;
        message = text.Value;
        return true;
    }
}
