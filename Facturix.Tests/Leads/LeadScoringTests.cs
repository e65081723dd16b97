using Facturix.Domain.Leads;

namespace Facturix.Tests.Leads;

/// <summary>The lead score rule (backlog 2.3.4), one rule at a time from a lead that scores nothing, then together.</summary>
public sealed class LeadScoringTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    /// <summary>No title, no size, no target, no engagement, never contacted: every rule gives 0.</summary>
    private static LeadScoreInputs Blank() => new(
        JobTitle: null, CompanyEmployees: null, Country: "FR", TargetCountries: new HashSet<string>(),
        PositiveOutcomes: 0, Replies: 0, LastContactedAt: null, Now: Now);

    /// <summary>The one contribution whose code starts with <paramref name="prefix"/>.</summary>
    private static ScoreContribution Line(LeadScoreInputs inputs, string prefix) =>
        Assert.Single(LeadScoring.Compute(inputs).Contributions, c => c.Code.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void A_blank_lead_scores_zero_and_still_lists_every_rule_in_order()
    {
        var score = LeadScoring.Compute(Blank());

        Assert.Equal(0, score.Total);
        Assert.Equal(
            new[] { "score.fit.seniority.unknown", "score.fit.size.unknown", "score.fit.country.untargeted",
             "score.engagement.positive-outcomes", "score.engagement.replies", "score.decay.never-contacted" },
            score.Contributions.Select(c => c.Code));
        Assert.All(score.Contributions, c => Assert.Equal(0, c.Points));
    }

    [Theory]
    // C-level, French and English, any case, with or without accents.
    [InlineData("CEO", "score.fit.seniority.c-level", 30)]
    [InlineData("pdg", "score.fit.seniority.c-level", 30)]
    [InlineData("P.D.G.", "score.fit.seniority.c-level", 30)]
    [InlineData("Président-directeur général", "score.fit.seniority.c-level", 30)]
    [InlineData("Directrice Générale", "score.fit.seniority.c-level", 30)]
    [InlineData("DIRECTEUR GENERAL ADJOINT", "score.fit.seniority.c-level", 30)]
    [InlineData("DG", "score.fit.seniority.c-level", 30)]
    [InlineData("DAF", "score.fit.seniority.c-level", 30)]
    [InlineData("drh", "score.fit.seniority.c-level", 30)]
    [InlineData("Directrice administrative et financière", "score.fit.seniority.c-level", 30)]
    [InlineData("Founder & CEO", "score.fit.seniority.c-level", 30)]
    [InlineData("Co-fondatrice", "score.fit.seniority.c-level", 30)]
    [InlineData("Gérant", "score.fit.seniority.c-level", 30)]
    [InlineData("gerante", "score.fit.seniority.c-level", 30)]
    [InlineData("Managing Director", "score.fit.seniority.c-level", 30)]
    // Director band: directors, VPs (not presidents), heads of.
    [InlineData("Directeur commercial", "score.fit.seniority.director", 22)]
    [InlineData("directrice marketing", "score.fit.seniority.director", 22)]
    [InlineData("Sales Director", "score.fit.seniority.director", 22)]
    [InlineData("Directeur international", "score.fit.seniority.director", 22)]
    [InlineData("VP Sales", "score.fit.seniority.director", 22)]
    [InlineData("Vice-Président Finance", "score.fit.seniority.director", 22)]
    [InlineData("Head of Finance", "score.fit.seniority.director", 22)]
    // Manager band.
    [InlineData("Responsable comptable", "score.fit.seniority.manager", 14)]
    [InlineData("Office Manager", "score.fit.seniority.manager", 14)]
    [InlineData("Chef de projet", "score.fit.seniority.manager", 14)]
    [InlineData("Cheffe d'équipe", "score.fit.seniority.manager", 14)]
    // Junior words win over the senior words they qualify.
    [InlineData("Assistante de direction", "score.fit.seniority.junior", 0)]
    [InlineData("Assistant du PDG", "score.fit.seniority.junior", 0)]
    [InlineData("Stagiaire chef de projet", "score.fit.seniority.junior", 0)]
    [InlineData("Marketing intern", "score.fit.seniority.junior", 0)]
    [InlineData("Alternante RH", "score.fit.seniority.junior", 0)]
    // A title without a seniority word, and words that only contain a keyword, are "other".
    [InlineData("Comptable", "score.fit.seniority.other", 6)]
    [InlineData("Software engineer", "score.fit.seniority.other", 6)]
    [InlineData("Product owner", "score.fit.seniority.other", 6)]
    [InlineData("Chargée de clientèle", "score.fit.seniority.other", 6)]
    // Nothing to go on.
    [InlineData(null, "score.fit.seniority.unknown", 0)]
    [InlineData("   ", "score.fit.seniority.unknown", 0)]
    public void Seniority_is_read_from_the_job_title(string? title, string code, int points)
    {
        var inputs = Blank() with { JobTitle = title };

        Assert.Equal(new ScoreContribution(code, points), Line(inputs, "score.fit.seniority."));
        Assert.Equal(points, LeadScoring.Compute(inputs).Total);
    }

    [Fact]
    public void Seniority_bands_are_ordered_c_level_over_director_over_manager_over_other_over_junior()
    {
        int Points(string title) => LeadScoring.Compute(Blank() with { JobTitle = title }).Total;

        Assert.True(Points("PDG") > Points("Directeur commercial"));
        Assert.True(Points("Directeur commercial") > Points("Responsable achats"));
        Assert.True(Points("Responsable achats") > Points("Comptable"));
        Assert.True(Points("Comptable") > Points("Stagiaire"));
    }

    [Theory]
    [InlineData(null, "score.fit.size.unknown", 0)]
    [InlineData(0, "score.fit.size.micro", 4)]
    [InlineData(9, "score.fit.size.micro", 4)]
    [InlineData(10, "score.fit.size.small", 8)]
    [InlineData(49, "score.fit.size.small", 8)]
    [InlineData(50, "score.fit.size.medium", 12)]
    [InlineData(249, "score.fit.size.medium", 12)]
    [InlineData(250, "score.fit.size.mid-cap", 15)]
    [InlineData(4999, "score.fit.size.mid-cap", 15)]
    [InlineData(5000, "score.fit.size.large", 12)]
    [InlineData(int.MaxValue, "score.fit.size.large", 12)]
    public void Company_size_falls_in_the_insee_bands(int? employees, string code, int points)
    {
        var inputs = Blank() with { CompanyEmployees = employees };

        Assert.Equal(new ScoreContribution(code, points), Line(inputs, "score.fit.size."));
        Assert.Equal(points, LeadScoring.Compute(inputs).Total);
    }

    [Theory]
    [InlineData("FR", "FR,BE", "score.fit.country.match", 15)]
    [InlineData("be", "FR,BE", "score.fit.country.match", 15)]
    [InlineData(" CH ", "ch", "score.fit.country.match", 15)]
    [InlineData("DE", "FR,BE", "score.fit.country.outside", 0)]
    [InlineData(null, "FR", "score.fit.country.unknown", 0)]
    [InlineData("", "FR", "score.fit.country.unknown", 0)]
    [InlineData("FR", "", "score.fit.country.untargeted", 0)]
    public void Country_scores_only_inside_the_campaign_targets(string? country, string targets, string code, int points)
    {
        var set = targets.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var inputs = Blank() with { Country = country, TargetCountries = set };

        Assert.Equal(new ScoreContribution(code, points), Line(inputs, "score.fit.country."));
        Assert.Equal(points, LeadScoring.Compute(inputs).Total);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 30)]
    [InlineData(100, 30)]
    public void Positive_outcomes_earn_15_each_up_to_30(int outcomes, int points)
    {
        var inputs = Blank() with { PositiveOutcomes = outcomes };

        Assert.Equal(new ScoreContribution("score.engagement.positive-outcomes", points), Line(inputs, "score.engagement.positive-outcomes"));
        Assert.Equal(points, LeadScoring.Compute(inputs).Total);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 15)]
    [InlineData(int.MaxValue, 15)]
    public void Replies_earn_5_each_up_to_15(int replies, int points)
    {
        var inputs = Blank() with { Replies = replies };

        Assert.Equal(new ScoreContribution("score.engagement.replies", points), Line(inputs, "score.engagement.replies"));
        Assert.Equal(points, LeadScoring.Compute(inputs).Total);
    }

    [Theory]
    // Boundaries: nothing for two weeks, then 5 more per full week, capped at 30 from seven weeks on.
    [InlineData(0, "score.decay.recent", 0)]
    [InlineData(14 * 24 * 60 - 1, "score.decay.recent", 0)]
    [InlineData(14 * 24 * 60, "score.decay.inactive", -5)]
    [InlineData(21 * 24 * 60 - 1, "score.decay.inactive", -5)]
    [InlineData(21 * 24 * 60, "score.decay.inactive", -10)]
    [InlineData(28 * 24 * 60, "score.decay.inactive", -15)]
    [InlineData(49 * 24 * 60 - 1, "score.decay.inactive", -25)]
    [InlineData(49 * 24 * 60, "score.decay.inactive", -30)]
    [InlineData(400 * 24 * 60, "score.decay.inactive", -30)]
    // A contact time slightly ahead of our clock (another machine's) counts as recent.
    [InlineData(-5, "score.decay.recent", 0)]
    public void Decay_grows_with_weeks_since_the_last_contact(int minutesAgo, string code, int points)
    {
        var inputs = Blank() with { LastContactedAt = Now.AddMinutes(-minutesAgo) };

        Assert.Equal(new ScoreContribution(code, points), Line(inputs, "score.decay."));
    }

    [Fact]
    public void Decay_lowers_the_total_of_an_engaged_lead()
    {
        var engaged = Blank() with { PositiveOutcomes = 2, Replies = 1, LastContactedAt = Now.AddDays(-1) };

        Assert.Equal(35, LeadScoring.Compute(engaged).Total);
        Assert.Equal(25, LeadScoring.Compute(engaged with { LastContactedAt = Now.AddDays(-21) }).Total);
        Assert.Equal(5, LeadScoring.Compute(engaged with { LastContactedAt = Now.AddDays(-365) }).Total);
    }

    [Fact]
    public void A_lead_never_contacted_does_not_decay()
    {
        Assert.Equal(new ScoreContribution("score.decay.never-contacted", 0), Line(Blank() with { JobTitle = "PDG" }, "score.decay."));
        Assert.Equal(30, LeadScoring.Compute(Blank() with { JobTitle = "PDG" }).Total);
    }

    [Fact]
    public void The_total_is_clamped_to_100_while_the_contributions_sum_to_the_unclamped_value()
    {
        var best = new LeadScoreInputs("PDG", 300, "FR", new HashSet<string> { "FR" }, 5, 5, Now.AddDays(-1), Now);

        var score = LeadScoring.Compute(best);

        Assert.Equal(105, score.Unclamped);
        Assert.Equal(score.Unclamped, score.Contributions.Sum(c => c.Points));
        Assert.Equal(100, score.Total);
        Assert.Equal(LeadScoring.MaxScore, score.Total);
    }

    [Fact]
    public void The_total_never_goes_below_zero()
    {
        var stale = Blank() with { JobTitle = "Stagiaire", LastContactedAt = Now.AddDays(-100) };

        var score = LeadScoring.Compute(stale);

        Assert.Equal(-30, score.Unclamped);
        Assert.Equal(score.Unclamped, score.Contributions.Sum(c => c.Points));
        Assert.Equal(0, score.Total);
    }

    [Fact]
    public void Contributions_sum_to_the_total_when_it_is_within_range()
    {
        var typical = new LeadScoreInputs("Directrice financière", 80, "be", new HashSet<string> { "FR", "BE" }, 1, 2, Now.AddDays(-15), Now);

        var score = LeadScoring.Compute(typical);

        // 30 (c-level) + 12 (medium) + 15 (country) + 15 (one positive outcome) + 10 (two replies) - 5 (two weeks).
        Assert.Equal(77, score.Total);
        Assert.Equal(score.Total, score.Unclamped);
        Assert.Equal(score.Total, score.Contributions.Sum(c => c.Points));
    }

    [Fact]
    public void The_score_depends_only_on_its_inputs()
    {
        var inputs = new LeadScoreInputs("Head of Sales", 300, "FR", new HashSet<string> { "FR" }, 1, 1, Now.AddDays(-30), Now);

        var first = LeadScoring.Compute(inputs);
        var second = LeadScoring.Compute(inputs with { TargetCountries = new HashSet<string> { "FR" } });

        Assert.Equal(first.Total, second.Total);
        Assert.Equal(first.Unclamped, second.Unclamped);
        Assert.Equal(first.Contributions, second.Contributions);
        // Only "now" moves time: the same lead a week later has decayed one step more.
        Assert.Equal(first.Total - 5, LeadScoring.Compute(inputs with { Now = Now.AddDays(7) }).Total);
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LeadScoring.Compute(Blank() with { CompanyEmployees = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeadScoring.Compute(Blank() with { PositiveOutcomes = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeadScoring.Compute(Blank() with { Replies = -1 }));
    }
}
