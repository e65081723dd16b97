using FluentValidation;

namespace Facturix.Domain.Users;

/// <summary>The roles given to a user: only the three known ones.</summary>
public sealed class RoleSetValidator : AbstractValidator<IReadOnlyCollection<string>>
{
    public RoleSetValidator()
    {
        RuleForEach(roles => roles).Must(role => Roles.All.Contains(role))
            .WithErrorCode("user.roles.unknown").OverridePropertyName("Roles");
    }
}
