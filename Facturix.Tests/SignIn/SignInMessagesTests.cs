using System.Globalization;
using System.Resources;
using Facturix.App.Localization;

namespace Facturix.Tests.SignIn;

public sealed class SignInMessagesTests
{
    private static readonly ResourceManager Strings = new(typeof(SharedStrings));

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void A_locked_account_reads_like_the_rate_limit_so_the_words_never_confirm_an_account(string culture)
    {
        var language = CultureInfo.GetCultureInfo(culture);
        var lockedOut = Strings.GetString("Login.LockedOut", language);
        Assert.False(string.IsNullOrWhiteSpace(lockedOut));
        Assert.Equal(lockedOut, Strings.GetString("Login.RateLimited", language));
    }
}
