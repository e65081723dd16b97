using FluentValidation;
using FluentValidation.Results;

namespace Facturix.App.Dashboard;

/// <summary>
/// Runs a Domain validator on what a form holds, for forms whose model cannot be the Domain input itself (an immutable
/// record, or dates typed as text): the form is mapped to the input and the input validated, so the form shows
/// exactly the codes the service would raise, on the fields of the same names. A failure with no property (a rule on
/// the whole input) lands on <paramref name="wholeInputField"/>.
/// </summary>
/// <paramref name="formOnly"/> adds what only the form can see (a date that is not a date at all).
internal sealed class MappedValidator<TForm, TInput>(
    IValidator<TInput> inner, Func<TForm, TInput> map, string wholeInputField,
    Func<TForm, IEnumerable<ValidationFailure>>? formOnly = null)
    : AbstractValidator<TForm>
{
    public override ValidationResult Validate(ValidationContext<TForm> context)
    {
        var result = inner.Validate(map(context.InstanceToValidate));
        foreach (var failure in result.Errors.Where(f => string.IsNullOrEmpty(f.PropertyName)))
            failure.PropertyName = wholeInputField;
        if (formOnly is not null)
        {
            var extra = formOnly(context.InstanceToValidate).ToList();
            result.Errors.RemoveAll(f => extra.Any(e => e.PropertyName == f.PropertyName));
            result.Errors.AddRange(extra);
        }
        return result;
    }

    public override Task<ValidationResult> ValidateAsync(ValidationContext<TForm> context, CancellationToken cancellation = default) =>
        Task.FromResult(Validate(context));
}
