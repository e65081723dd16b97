using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components.Forms;

namespace Facturix.App.Shell;

/// <summary>
/// Puts a service's <see cref="ValidationException"/> on the form's own fields, next to what the person typed (the
/// model is never touched). The messages live in one <see cref="ValidationMessageStore"/> per form, kept in
/// <see cref="EditContext.Properties"/>: a field's message goes as soon as that field changes, and all of them go
/// when the form is validated again (the next submit asks the service afresh).
/// </summary>
public static class ServerValidation
{
    private static readonly object StoreKey = new();

    /// <summary>
    /// Shows each failure under its field, worded by <paramref name="errorText"/>. Returns the failures that name no
    /// field of this form (a model-level rule, a property the form does not edit): the caller must show those elsewhere.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> ShowServerErrors(this EditContext form, ValidationException exception, ErrorText errorText)
    {
        var store = ServerStore(form);
        store.Clear();
        var elsewhere = new List<ValidationFailure>();
        foreach (var failure in exception.Errors)
        {
            var field = FluentValidationValidator.ToFieldIdentifier(form.Model, failure.PropertyName ?? "");
            if (IsEditableField(field))
                store.Add(field, errorText.Describe(failure));
            else
                elsewhere.Add(failure);
        }
        form.NotifyValidationStateChanged();
        return elsewhere;
    }

    private static ValidationMessageStore ServerStore(EditContext form)
    {
        if (form.Properties.TryGetValue(StoreKey, out var existing))
            return (ValidationMessageStore)existing;

        var store = new ValidationMessageStore(form);
        form.Properties[StoreKey] = store;
        form.OnFieldChanged += (_, e) =>
        {
            // The person is fixing this field: the service's verdict on the old value no longer applies.
            if (!store[e.FieldIdentifier].Any())
                return;
            store.Clear(e.FieldIdentifier);
            form.NotifyValidationStateChanged();
        };
        // Otherwise a message on an untouched field would block every later submit, and only the service can lift it.
        form.OnValidationRequested += (_, _) => store.Clear();
        return store;
    }

    private static bool IsEditableField(FieldIdentifier field) =>
        field.FieldName.Length > 0
        && field.Model.GetType().GetProperty(field.FieldName, BindingFlags.Public | BindingFlags.Instance) is not null;
}
