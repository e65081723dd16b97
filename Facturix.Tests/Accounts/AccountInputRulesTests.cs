using Facturix.Domain.Accounts;

namespace Facturix.Tests.Accounts;

public sealed class AccountInputRulesTests
{
    [Fact]
    public void Account_input_rules_name_every_bad_field()
    {
        var result = new AccountInputValidator().Validate(new AccountInput { Name = " ", Siren = "12345", Country = "France" });
        Assert.Equal(
            new[] { nameof(AccountInput.Country), nameof(AccountInput.Name), nameof(AccountInput.Siren) },
            result.Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.True(new AccountInputValidator().Validate(new AccountInput { Name = "Acme", Siren = "732829320" }).IsValid);
    }
}
