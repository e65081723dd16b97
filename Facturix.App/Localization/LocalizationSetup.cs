using System.Globalization;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Localization;

namespace Facturix.App.Localization;

public static class LocalizationSetup
{
    /// <summary>One year: the cookie only carries the language, the user's saved choice wins at sign-in.</summary>
    private static readonly TimeSpan CultureCookieLifetime = TimeSpan.FromDays(365);

    /// <summary>
    /// Registers <c>IStringLocalizer&lt;T&gt;</c> and the request-culture rules: French by default, English on request.
    /// The culture cookie is the first source; the Accept-Language header is deliberately NOT consulted, so the app
    /// is French for everyone until a person picks English (then the cookie, set at sign-in or by the switch, wins).
    /// </summary>
    public static IServiceCollection AddFacturixLocalization(this IServiceCollection services)
    {
        // No ResourcesPath: the .resx files sit next to SharedStrings.cs, so their manifest name already equals the
        // marker type's full name. Setting ResourcesPath = "Localization" would make the factory look for
        // "Facturix.App.Localization.Localization.SharedStrings" and silently fall back to the keys.
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var supported = UserPreferences.SupportedCultures.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(UserPreferences.DefaultCulture);
            options.SupportedCultures = supported;
            options.SupportedUICultures = supported;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new QueryStringRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Sets the request culture (and so the Blazor circuit's culture) from the culture cookie.</summary>
    public static IApplicationBuilder UseFacturixLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization();

    /// <summary>Writes the culture cookie read by <see cref="CookieRequestCultureProvider"/>.</summary>
    public static void SetCultureCookie(this HttpResponse response, string culture)
    {
        var normalized = UserPreferences.NormalizeCulture(culture);
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(normalized)),
            new CookieOptions
            {
                Path = "/",
                MaxAge = CultureCookieLifetime,
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
            });
    }
}
