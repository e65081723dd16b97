using Facturix.App.Localization;
using Facturix.App.Shell;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Shell;

/// <summary>Where a service's failures land on a form, whatever the shape of the property path.</summary>
public sealed class ServerValidationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging().AddFacturixLocalization().AddFacturixErrors().BuildServiceProvider();

    private ErrorText Text => _services.GetRequiredService<ErrorText>();

    private sealed class Address
    {
        public string City { get; set; } = "";
    }

    private sealed class Line
    {
        public int Quantity { get; set; }
    }

    private sealed class Model
    {
        public List<string> Roles { get; set; } = ["Admin", "Boss"];
        public Address Address { get; set; } = new();
        public List<Line> Lines { get; set; } = [new(), new()];
    }

    [Fact]
    public void Failures_land_on_nested_fields_collection_items_and_whole_collections()
    {
        var model = new Model();
        var form = new EditContext(model);

        var elsewhere = form.ShowServerErrors(Invalid("Roles[1]", "Address.City", "Lines[1].Quantity"), Text);

        Assert.Empty(elsewhere);
        Assert.Single(form.GetValidationMessages(new FieldIdentifier(model, nameof(Model.Roles))));
        Assert.Single(form.GetValidationMessages(new FieldIdentifier(model.Address, nameof(Address.City))));
        Assert.Single(form.GetValidationMessages(new FieldIdentifier(model.Lines[1], nameof(Line.Quantity))));
        Assert.Empty(form.GetValidationMessages(new FieldIdentifier(model.Lines[0], nameof(Line.Quantity))));
    }

    [Fact]
    public void Failures_that_name_no_field_of_the_form_are_handed_back()
    {
        var form = new EditContext(new Model());

        var elsewhere = form.ShowServerErrors(Invalid("", "Owner", "Roles"), Text);

        Assert.Equal(["", "Owner"], elsewhere.Select(f => f.PropertyName));
        Assert.Single(form.GetValidationMessages());
    }

    [Fact]
    public void A_new_submit_clears_the_previous_verdict_so_the_service_is_asked_again()
    {
        var form = new EditContext(new Model());
        form.ShowServerErrors(Invalid("Roles"), Text);

        Assert.True(form.Validate()); // nothing else validates this model: only the stale server message could block it
        Assert.Empty(form.GetValidationMessages());
    }

    private static ValidationException Invalid(params string[] properties) =>
        new(properties.Select(p => new ValidationFailure(p, "ignored") { ErrorCode = "user.roles.unknown" }));

    public void Dispose() => _services.Dispose();
}
