using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace Facturix.Tests.Localization;

/// <summary>
/// Every code a person can be shown has words in French and English, and every validator in Domain speaks in codes:
/// a new rule without <c>.WithErrorCode(...)</c>, or a code without its ErrorStrings entries, fails here rather than
/// showing FluentValidation's English default (or the generic "invalid value") in production.
/// </summary>
public sealed partial class ErrorMessageCoverageTests
{
    private static readonly ResourceManager Strings = new(typeof(ErrorStrings));

    public static TheoryData<string> DomainValidators() =>
        new(ValidatorTypes().Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(DomainValidators))]
    public void Every_rule_of_a_domain_validator_has_an_explicit_code_worded_in_both_languages(string validatorType)
    {
        var problems = new List<string>();
        foreach (var (property, component) in Components(validatorType))
        {
            var code = component.ErrorCode;
            if (string.IsNullOrEmpty(code) || code == component.Validator.Name)
            {
                problems.Add($"{property}: {component.Validator.Name} has no .WithErrorCode(\"area.field.rule\")");
                continue;
            }
            if (!CodeShape().IsMatch(code))
                problems.Add($"{property}: code '{code}' is not shaped area.field.rule (lower-case, hyphens)");
            if (HasCustomMessage(component))
                problems.Add($"{property}: '{code}' sets its own message (.WithMessage); messages belong to ErrorStrings");
            problems.AddRange(MissingWords(code).Select(language => $"{property}: '{code}' has no {language} text in ErrorStrings"));
        }
        if (problems.Count > 0)
            Assert.Fail(string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_domain_has_validators_to_check() =>
        // Guards the theory above against silently checking nothing (e.g. validators moved to another assembly).
        Assert.Contains(typeof(AccountInputValidator), ValidatorTypes());

    [Fact]
    public void Every_service_error_code_and_the_fallbacks_are_worded_in_both_languages()
    {
        var codes = ErrorCodes.All.Append(ErrorText.InvalidValueCode);
        Assert.Empty(codes.SelectMany(code => MissingWords(code).Select(language => $"{code}: no {language} text")));
    }

    private static IEnumerable<Type> ValidatorTypes() =>
        typeof(AccountInputValidator).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IValidator).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<(string Property, IRuleComponent Component)> Components(string validatorType)
    {
        var type = ValidatorTypes().Single(t => t.FullName == validatorType);
        // Domain validators have no dependencies: they are pure rules (see architecture.md).
        var validator = (IValidator)Activator.CreateInstance(type)!;
        return Flatten(validator.CreateDescriptor().Rules)
            .SelectMany(rule => rule.Components
                // A nested validator reports its own rules' failures; it is checked as a type of its own.
                .Where(c => c.Validator is not IChildValidatorAdaptor)
                .Select(c => ($"{type.Name}.{rule.PropertyName ?? "(model)"}", c)));
    }

    private static IEnumerable<IValidationRule> Flatten(IEnumerable<IValidationRule> rules) =>
        rules.SelectMany(rule => new[] { rule }.Concat(Flatten(rule.DependentRules ?? [])));

    /// <summary>A rule without .WithMessage reports its validator's default template; anything else was overridden.</summary>
    private static bool HasCustomMessage(IRuleComponent component)
    {
        try
        {
            return component.GetUnformattedErrorMessage() != component.Validator.GetDefaultMessageTemplate(component.ErrorCode);
        }
        catch (Exception)
        {
            return true; // a message factory that needs a validation context: certainly custom
        }
    }

    private static IEnumerable<string> MissingWords(string code)
    {
        if (string.IsNullOrWhiteSpace(Text(code, CultureInfo.InvariantCulture)))
            yield return "French";
        if (string.IsNullOrWhiteSpace(Text(code, CultureInfo.GetCultureInfo("en"))))
            yield return "English";
    }

    /// <summary>The text in exactly that culture's file (no fallback from English to the French neutral resources).</summary>
    private static string? Text(string code, CultureInfo culture) =>
        Strings.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(code);

    [GeneratedRegex("^[a-z]+(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*){2,}$")]
    private static partial Regex CodeShape();
}
