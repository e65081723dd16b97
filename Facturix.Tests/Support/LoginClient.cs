using System.Net;
using System.Text.RegularExpressions;

namespace Facturix.Tests.Support;

/// <summary>
/// The static sign-in form driven over plain HTTP (no browser): reads the page's hidden fields (antiforgery token,
/// form name) and posts them back with an email and a password, as a browser's form post would.
/// <code>
/// using var client = new LoginClient(app);
/// var html = await client.SignInAsync("bob@test.local", "wrong");   // the page as re-rendered
/// Assert.True(LoginClient.Shows(html, "login-error"));
/// </code>
/// </summary>
public sealed partial class LoginClient : IDisposable
{
    public const string UserAgent = "FacturixTests/1.0 (sign-in)";
    private readonly HttpClient _http;

    public LoginClient(AppServer app)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseAddress,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>Posts the form and returns the response (a redirect on success, the page again otherwise).</summary>
    public async Task<HttpResponseMessage> PostAsync(string email, string password, bool withAntiforgeryToken = true)
    {
        var fields = await HiddenFieldsAsync();
        if (!withAntiforgeryToken)
            fields.Remove("__RequestVerificationToken");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await _http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the form and returns the page's HTML; fails on anything but a re-rendered page.</summary>
    public async Task<string> SignInAsync(string email, string password)
    {
        using var response = await PostAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A GET with the cookies of the sign-in (a signed-in download, for instance); redirects are not followed.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>True when the HTML has an element with that test hook.</summary>
    public static bool Shows(string html, string testId) => html.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal);

    /// <summary>The value the email input was rendered with (what the person typed, kept after a refusal).</summary>
    public static string? EmailValue(string html)
    {
        var input = EmailInput().Match(html);
        return input.Success ? WebUtility.HtmlDecode(Attribute(input.Value, "value")) : null;
    }

    private async Task<Dictionary<string, string>> HiddenFieldsAsync()
    {
        var page = await _http.GetStringAsync("/Account/Login");
        // The page has other forms (the language switch): read the sign-in form's own fields only.
        var html = Form().Matches(page).Select(m => m.Value).Single(f => f.Contains("name=\"Input.Email\"", StringComparison.Ordinal));
        return HiddenInput().Matches(html)
            .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value")))
            .Where(f => f.Name is not null)
            .ToDictionary(f => f.Name!, f => WebUtility.HtmlDecode(f.Value ?? ""));
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input[^>]*name=\"Input.Email\"[^>]*>")]
    private static partial Regex EmailInput();

    public void Dispose() => _http.Dispose();
}
