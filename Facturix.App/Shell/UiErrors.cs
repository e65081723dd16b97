using Facturix.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace Facturix.App.Shell;

/// <summary>
/// What a component does with a service call that may be refused, in one line:
/// <c>if (await Errors.RunAsync(() => Service.SaveAsync(actor, input), editContext)) { ...success... }</c>.
/// Validation failures land on the form's fields (or in a toast without a form); refusals with a code
/// (forbidden, not found, conflict, concurrency) become a localized toast; anything else is logged with its detail
/// and shown as the generic message. Nothing the person typed is cleared: the caller keeps its state on false.
/// Scoped, like the snackbar it writes to (one per circuit).
/// </summary>
public sealed class UiErrors(ErrorText text, ISnackbar snackbar, ILogger<UiErrors> logger)
{
    /// <summary>Runs <paramref name="action"/>; true when it completed, false when it failed and the failure was shown.</summary>
    public async Task<bool> RunAsync(Func<Task> action, EditContext? form = null)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception exception)
        {
            Report(exception, form);
            return false;
        }
    }

    /// <summary>Shows <paramref name="exception"/> the way <see cref="RunAsync"/> would, for callers with their own try/catch.</summary>
    public void Report(Exception exception, EditContext? form = null)
    {
        switch (exception)
        {
            case OperationCanceledException:
                // The person navigated away or the circuit closed: nobody is there to read a message.
                return;
            case ValidationException invalid:
                ShowValidation(invalid, form);
                return;
            case FacturixException refusal:
                logger.LogInformation(refusal, "Refused with {ErrorCode}", refusal.Code);
                snackbar.Toast(text.Describe(refusal), SeverityOf(refusal));
                return;
            case DbUpdateConcurrencyException:
                logger.LogInformation(exception, "Concurrent change detected by EF Core");
                snackbar.Toast(text.Describe(exception), Severity.Warning);
                return;
            case var _ when ErrorText.IsUnstorableText(exception):
                // The person can fix it, and nothing is wrong with the app: say what, not "unexpected".
                logger.LogInformation(exception, "Text refused by PostgreSQL");
                snackbar.Toast(text.Describe(exception), Severity.Warning);
                return;
            default:
                logger.LogError(exception, "Unexpected failure of a component action");
                snackbar.Toast(text.Describe(exception), Severity.Error);
                return;
        }
    }

    private void ShowValidation(ValidationException invalid, EditContext? form)
    {
        logger.LogInformation("Input refused: {ErrorCodes}", string.Join(", ", invalid.Errors.Select(f => $"{f.PropertyName}:{f.ErrorCode}")));
        var elsewhere = form is null ? invalid.Errors.ToList() : form.ShowServerErrors(invalid, text);
        if (elsewhere.Count > 0)
            snackbar.Toast(text.Describe(elsewhere[0]), Severity.Warning);
        else if (!invalid.Errors.Any())
            snackbar.Toast(text.Describe(invalid), Severity.Warning);
    }

    /// <summary>Error when the person cannot get past it; warning when reloading or looking again will do.</summary>
    private static Severity SeverityOf(FacturixException refusal) => refusal switch
    {
        ForbiddenException => Severity.Error,
        NotFoundException or ConflictException => Severity.Warning,
        _ => Severity.Error,
    };
}
