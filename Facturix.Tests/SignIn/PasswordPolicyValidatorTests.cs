using Facturix.Domain.Common;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.SignIn;

public sealed class PasswordPolicyValidatorTests
{
    private static readonly PasswordPolicyValidator Validator = new(Options.Create(new IdentityOptions { Password = { RequiredLength = 12 } }));
    private static readonly AppUser Jeanne = new() { Email = "jeanne.martin@facturix.local", UserName = "jeanne.martin@facturix.local", DisplayName = "Jeanne" };

    private static IEnumerable<string> Codes(string password, AppUser? user = null) =>
        Validator.Validate(user ?? Jeanne, password).Errors.Select(e => e.Code);

    [Theory]
    [InlineData("violet tram 88")]
    [InlineData("correct horse battery staple")]
    [InlineData("Ébène-Oiseau-Lune")]
    public void A_good_passphrase_passes(string password) => Assert.Empty(Codes(password));

    [Fact]
    public void The_demo_password_passes_for_every_demo_user()
    {
        foreach (var email in new[] { "admin@facturix.local", "manager@facturix.local", "bd1@facturix.local", "bd6@facturix.local" })
            Assert.Empty(Codes(DemoDataSeeder.DemoPassword, new AppUser { Email = email, UserName = email, DisplayName = email }));
    }

    [Theory]
    [InlineData(11, ErrorCodes.PasswordTooShort)]
    [InlineData(129, ErrorCodes.PasswordTooLong)]
    public void Length_is_bounded(int length, string code) =>
        Assert.Equal([code], Codes(Passphrase(length)));

    [Theory]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(128)]
    public void Lengths_within_bounds_pass(int length) => Assert.Empty(Codes(Passphrase(length)));

    [Theory]
    [InlineData("qwerty123456")]
    [InlineData("QazWsxEdcRfv")] // the list is compared without case
    [InlineData("leavemealone")]
    public void A_password_from_the_breached_list_is_refused(string password) =>
        Assert.Equal([ErrorCodes.PasswordCommon], Codes(password));

    [Fact]
    public void The_shipped_list_is_the_whole_vendored_file() => Assert.True(CommonPasswordList.Count > 49_000);

    [Theory]
    [InlineData("my-JEANNE.MARTIN-secret")]
    [InlineData("jeanne.martin2026!")]
    public void A_password_containing_the_email_local_part_is_refused(string password) =>
        Assert.Equal([ErrorCodes.PasswordContainsEmail], Codes(password));

    [Fact]
    public void A_local_part_shorter_than_three_characters_is_not_checked()
    {
        var jo = new AppUser { Email = "jo@facturix.local", UserName = "jo@facturix.local", DisplayName = "Jo" };
        Assert.Empty(Codes("jo and the violet tram", jo));
    }

    private static string Passphrase(int length) =>
        string.Concat(Enumerable.Repeat("violet tram ", 20))[..length];
}
