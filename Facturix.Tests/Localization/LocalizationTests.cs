using System.Globalization;
using System.Xml.Linq;
using Facturix.App.Localization;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.Localization;

/// <summary>The shared resources are embedded under the name the localizer looks for, in both languages.</summary>
public sealed class LocalizationTests : IDisposable
{
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services;

    public LocalizationTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFacturixLocalization();
        _services = services.BuildServiceProvider();
    }

    private IStringLocalizer<SharedStrings> Localizer => _services.GetRequiredService<IStringLocalizer<SharedStrings>>();

    [Theory]
    [InlineData("fr", "E-mail ou mot de passe incorrect.")]
    [InlineData("en", "Incorrect email or password.")]
    [InlineData("en-GB", "Incorrect email or password.")]
    public void The_localizer_finds_the_embedded_resources(string culture, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var text = Localizer["Login.InvalidCredentials"];

        Assert.False(text.ResourceNotFound, $"resource not found: searched {text.SearchedLocation}");
        Assert.Equal(expected, text.Value);
    }

    [Fact]
    public void French_and_English_have_exactly_the_same_keys()
    {
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture; // the neutral resources are the French ones
        var french = Localizer.GetAllStrings(includeParentCultures: false).Select(s => s.Name).Order().ToArray();
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var english = Localizer.GetAllStrings(includeParentCultures: false).Select(s => s.Name).Order().ToArray();

        Assert.NotEmpty(french);
        Assert.Equal(french, english);
    }

    [Fact]
    public void Every_key_used_in_shell_and_account_markup_exists()
    {
        var root = SourceTree.AppDirectory;
        var keys = XDocument.Load(Path.Combine(root, "Localization", "SharedStrings.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        // Folders whose markup uses IStringLocalizer<SharedStrings> (Users/Admin has its own resources).
        var sources = new[]
            {
                (Path.Combine(root, "Components"), SearchOption.AllDirectories),
                (Path.Combine(root, "Shell"), SearchOption.AllDirectories),
                (Path.Combine(root, "SignIn"), SearchOption.AllDirectories),
                (Path.Combine(root, "Users"), SearchOption.TopDirectoryOnly),
            }
            .SelectMany(d => Directory.EnumerateFiles(d.Item1, "*.*", d.Item2))
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal));
        var used = sources
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"(?:\bL|localizer)\[""([A-Za-z.]+)""")
                .Select(m => m.Groups[1].Value))
            .Concat(Facturix.App.Shell.NavEntry.All.Select(e => e.LabelKey))
            .ToHashSet();

        Assert.Empty(used.Except(keys));
    }

    [Fact]
    public void Requests_are_French_by_default_and_the_culture_cookie_comes_first()
    {
        var options = _services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;

        Assert.Equal("fr", options.DefaultRequestCulture.UICulture.Name);
        Assert.Equal(["fr", "en"], options.SupportedUICultures!.Select(c => c.Name));
        Assert.IsType<CookieRequestCultureProvider>(options.RequestCultureProviders[0]);
        Assert.DoesNotContain(options.RequestCultureProviders, p => p is AcceptLanguageHeaderRequestCultureProvider);
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _originalUiCulture;
        _services.Dispose();
    }
}
