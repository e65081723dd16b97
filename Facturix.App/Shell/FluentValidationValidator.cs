using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Facturix.App.Shell;

/// <summary>
/// Plugs a FluentValidation validator into the surrounding <see cref="EditForm"/>, the way
/// <see cref="DataAnnotationsValidator"/> does for attributes: the whole model is validated on submit and a field
/// again when it changes; messages land in the <see cref="EditContext"/>, so MudBlazor inputs with <c>For</c> and
/// <c>ValidationMessage</c> show them next to the field. Synchronous rules only. Messages come from
/// <see cref="ErrorText"/> by each rule's error code, so the form says exactly what the service would say if the
/// same input reached it (services run the same validator again).
/// </summary>
public sealed class FluentValidationValidator : ComponentBase, IDisposable
{
    private EditContext? _subscribed;
    private ValidationMessageStore? _messages;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private ErrorText ErrorText { get; set; } = default!;

    [Parameter, EditorRequired]
    public IValidator Validator { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
            throw new InvalidOperationException($"{nameof(FluentValidationValidator)} must be placed inside an EditForm.");
        if (ReferenceEquals(CurrentEditContext, _subscribed))
            return;

        Detach();
        _subscribed = CurrentEditContext;
        _messages = new ValidationMessageStore(CurrentEditContext);
        _subscribed.OnValidationRequested += OnValidationRequested;
        _subscribed.OnFieldChanged += OnFieldChanged;
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        if (_subscribed is null || _messages is null)
            return;

        var result = Validator.Validate(new ValidationContext<object>(_subscribed.Model));
        _messages.Clear();
        foreach (var failure in result.Errors)
            _messages.Add(ToFieldIdentifier(_subscribed.Model, failure.PropertyName), ErrorText.Describe(failure));
        _subscribed.NotifyValidationStateChanged();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        if (_subscribed is null || _messages is null)
            return;

        var result = Validator.Validate(new ValidationContext<object>(_subscribed.Model));
        _messages.Clear(e.FieldIdentifier);
        foreach (var failure in result.Errors)
        {
            if (ToFieldIdentifier(_subscribed.Model, failure.PropertyName).Equals(e.FieldIdentifier))
                _messages.Add(e.FieldIdentifier, ErrorText.Describe(failure));
        }
        _subscribed.NotifyValidationStateChanged();
    }

    /// <summary>
    /// Maps FluentValidation's property path ("Address.City", "Lines[2].Qty") to the owning object and field. A path
    /// ending in an item ("Roles[1]", from RuleForEach) maps to the collection's own field: that is what the input
    /// editing the collection is bound to (<c>For="() => Model.Roles"</c>).
    /// </summary>
    internal static FieldIdentifier ToFieldIdentifier(object model, string propertyPath)
    {
        var owner = model;
        var segments = propertyPath.Split('.');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var next = Resolve(owner, segments[i]);
            if (next is null)
                return new FieldIdentifier(model, propertyPath);
            owner = next;
        }
        var last = segments[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return new FieldIdentifier(owner, bracket < 0 ? last : last[..bracket]);
    }

    private static object? Resolve(object owner, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? segment : segment[..bracket];
        var value = owner.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(owner);
        if (bracket < 0 || value is not System.Collections.IEnumerable items)
            return value;
        var index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return items.Cast<object?>().ElementAtOrDefault(index);
    }

    private void Detach()
    {
        if (_subscribed is null)
            return;
        _subscribed.OnValidationRequested -= OnValidationRequested;
        _subscribed.OnFieldChanged -= OnFieldChanged;
        _messages?.Clear();
        _subscribed = null;
    }

    public void Dispose() => Detach();
}
