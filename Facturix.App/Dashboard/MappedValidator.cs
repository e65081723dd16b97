using FluentValidation;
using FluentValidation.Results;

namespace Facturix.App.Dashboard;

/// <summary>
/// Runs a Domain validator on what a form holds, for forms whose model cannot be the Domain input itself (an immutable
/// record, or dates typed as text): the form is mapped to the input and the input validated, so the form shows
/// exactly the codes the service would raise, on the fields of the same names. A failure with no property (a rule on
/// the whole input) lands on <paramref name="wholeInputField"/>.
/// </summary>
internal sealed class MappedValidator<TForm, TInput>(IValidator<TInput> inner, Func<TForm, TInput> map, string wholeInputField)
    : AbstractValidator<TForm>
{
    public override ValidationResult Validate(ValidationContext<TForm> context)
    {
        var result = inner.Validate(map(context.InstanceToValidate));
        foreach (var failure in result.Errors.Where(f => string.IsNullOrEmpty(f.PropertyName)))
            failure.PropertyName = wholeInputField;
        return result;
    }

    public override Task<ValidationResult> ValidateAsync(ValidationContext<TForm> context, CancellationToken cancellation = default) =>
        Task.FromResult(Validate(context));
}
