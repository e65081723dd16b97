using Facturix.Domain.Campaigns;

namespace Facturix.Tests.Campaigns;

public sealed class ScriptTemplateTests
{
    private static readonly ScriptSample Sample = new("Camille", "Martin", "Boulangeries Martin", "Léa Dupont");

    [Fact]
    public void Known_tokens_are_filled_from_the_sample()
    {
        var html = ScriptTemplate.Render("Bonjour {{firstName}} {{lastName}}, ici {{bdName}} pour **{{company}}**.", Sample);

        Assert.Equal("<p>Bonjour Camille Martin, ici Léa Dupont pour <strong>Boulangeries Martin</strong>.</p>", html);
    }

    [Fact]
    public void Token_values_are_html_encoded_and_never_become_markup_or_markdown()
    {
        var hostile = new ScriptSample("<img src=x onerror=alert(1)>", "**gras**", "A & B \"SAS\"", "<script>alert(1)</script>");

        var html = ScriptTemplate.Render("{{firstName}} {{lastName}} {{company}} {{bdName}} [site](https://ex.fr/{{company}})", hostile);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<strong>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("**gras**", html);
        Assert.Contains("A &amp; B", html);
    }

    [Fact]
    public void A_token_value_cannot_turn_a_link_into_a_javascript_url()
    {
        var html = ScriptTemplate.Render("[ouvrir]({{company}})", Sample with { Company = "javascript:alert(1)" });

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>Bonjour", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[clic](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"javascript:alert(1)\">clic</a>", "javascript:")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("<p style=\"color:red\" onclick=\"x()\">texte</p>", "style")]
    [InlineData("<p style=\"color:red\" onclick=\"x()\">texte</p>", "onclick")]
    public void Dangerous_markup_is_removed(string markdown, string forbidden)
    {
        var html = ScriptTemplate.Render(markdown, Sample);

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markdown_structure_and_safe_links_are_kept()
    {
        var html = ScriptTemplate.Render("""
            # Accroche

            ## Questions
            - Budget ?
            - Délai ?

            1. Un
            2. Deux

            > Citation *importante*

            `code` et [site](https://facturix.fr) et [mail](mailto:a@b.fr)
            """, Sample);

        Assert.Contains("<h1>Accroche</h1>", html);
        Assert.Contains("<h2>Questions</h2>", html);
        Assert.Contains("<ul>", html);
        Assert.Contains("<li>Budget\u202F?</li>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<em>importante</em>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("href=\"https://facturix.fr\"", html);
        Assert.Contains("href=\"mailto:a@b.fr\"", html);
    }

    [Fact]
    public void French_punctuation_stays_on_its_words_line_and_English_is_left_alone()
    {
        var html = ScriptTemplate.Render("« Pas le temps » : puis-je vous poser deux questions ? Merci ! Bien ; à bientôt. Why? Note: ok", Sample);

        // No ordinary space left before ? ! ; : nor inside « »: the browser may not break a line there.
        Assert.Contains("«\u00A0Pas le temps\u00A0»\u00A0: puis-je vous poser deux questions\u202F? Merci\u202F! Bien\u202F; à bientôt.",
            System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("Why? Note: ok", html);
    }

    [Fact]
    public void Unknown_tokens_are_listed_once_each_and_known_ones_are_not()
    {
        var unknown = ScriptTemplate.UnknownTokens("{{firstName}} {{prenom}} {{ company }} {{FirstName}} {{prenom}} {{}}");

        Assert.Equal(["prenom", "FirstName", ""], unknown);
    }

    [Fact]
    public void Unknown_tokens_stay_as_typed_in_the_preview()
    {
        Assert.Equal("<p>Bonjour {{prenom}}</p>", ScriptTemplate.Render("Bonjour {{prenom}}", Sample));
    }

    [Fact]
    public void An_empty_script_renders_nothing() =>
        Assert.Equal("", ScriptTemplate.Render(null, Sample));

    [Fact]
    public void The_validator_bounds_the_script_and_the_pairs()
    {
        var validator = new CampaignScriptInputValidator();
        var input = new CampaignScriptInput
        {
            Script = new string('a', CampaignScriptInputValidator.ScriptMaxLength + 1),
            Objections = [new ObjectionInput { Objection = "", Answer = new string('b', ObjectionInputValidator.AnswerMaxLength + 1) }],
        };

        var codes = validator.Validate(input).Errors.Select(e => $"{e.PropertyName}:{e.ErrorCode}").ToList();

        Assert.Contains("Script:script.script.too-long", codes);
        Assert.Contains("Objections[0].Objection:script.objection.required", codes);
        Assert.Contains("Objections[0].Answer:script.answer.too-long", codes);
        var tooMany = new CampaignScriptInput
        {
            Objections = Enumerable.Range(0, 51).Select(i => new ObjectionInput { Objection = $"O{i}", Answer = "R" }).ToList(),
        };
        Assert.Equal(["script.objections.too-many"], validator.Validate(tooMany).Errors.Select(e => e.ErrorCode));
    }
}
