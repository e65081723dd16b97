using Facturix.App.SignIn;

namespace Facturix.Tests.SignIn;

/// <summary>The open-redirect guard behind ReturnUrl after sign-in and returnUrl after a language switch.</summary>
public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/dashboard", true)]
    [InlineData("/leads?campaign=1", true)]
    [InlineData("~/dashboard", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/dashboard", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/x\r\nLocation: https://evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_app_relative_urls_are_local(string? url, bool local) => Assert.Equal(local, LocalUrl.IsLocal(url));

    [Theory]
    [InlineData("/admin", "/admin")]
    [InlineData("https://evil.example", LocalUrl.Dashboard)]
    [InlineData("/Account/Login?ReturnUrl=%2Fadmin", LocalUrl.Dashboard)]
    [InlineData("/Account/SetCulture?culture=en", LocalUrl.Dashboard)]
    [InlineData(null, LocalUrl.Dashboard)]
    public void Return_urls_never_leave_the_app_nor_loop_on_account_pages(string? url, string expected) =>
        Assert.Equal(expected, LocalUrl.OrDefault(url));
}
