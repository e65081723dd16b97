using System.Globalization;
using System.Text;

namespace Facturix.Domain.Leads;

/// <summary>
/// Everything the lead score depends on (backlog 2.3.4). The caller recomputes the score whenever one of these
/// changes. <see cref="Now"/> is an input so the rule is deterministic and testable at any instant.
/// </summary>
/// <param name="JobTitle">As typed or imported, French or English; null or blank when unknown.</param>
/// <param name="CompanyEmployees">Headcount when known. Not stored on <see cref="Lead"/> yet, so it is an input here.</param>
/// <param name="Country">The lead's ISO 3166-1 alpha-2 code.</param>
/// <param name="TargetCountries">The campaign's target countries (ISO alpha-2); empty when the campaign does not target any.</param>
/// <param name="PositiveOutcomes">Calls ending in a positive outcome (interested, meeting booked, ...).</param>
/// <param name="Replies">Replies received (mail or message) from the lead.</param>
/// <param name="LastContactedAt">Time of the last contact; null when never contacted.</param>
public sealed record LeadScoreInputs(
    string? JobTitle,
    int? CompanyEmployees,
    string? Country,
    IReadOnlySet<string> TargetCountries,
    int PositiveOutcomes,
    int Replies,
    DateTimeOffset? LastContactedAt,
    DateTimeOffset Now);

/// <summary>One line of the score breakdown. <see cref="Code"/> is a stable key the App words in French or English.</summary>
public sealed record ScoreContribution(string Code, int Points);

/// <summary>
/// The result of <see cref="LeadScoring.Compute"/>. The contributions always sum to <see cref="Unclamped"/>;
/// <see cref="Total"/> is that sum clamped to 0-100 (the page says so when they differ).
/// </summary>
public sealed record LeadScore(int Total, int Unclamped, IReadOnlyList<ScoreContribution> Contributions);

/// <summary>
/// The lead score (backlog 2.3.4): fit (seniority, company size, country) plus engagement (positive outcomes,
/// replies) minus decay (weeks since the last contact), clamped to 0-100. Pure: no clock, no database.
/// Weights are explained next to each rule and in docs/decisions/0030-lead-score-rules.md.
/// </summary>
public static class LeadScoring
{
    public const int MinScore = 0;
    public const int MaxScore = 100;

    // Budget: fit can give at most 60 (30 + 15 + 15) and engagement at most 45 (30 + 15), so a perfect profile that
    // never answered (60) always ranks below a lead that has engaged, and a lead that is both saturates at 100
    // (105 clamped). Decay takes at most 30, so a long-silent lead keeps at least half of a perfect fit.

    // --- Seniority: who decides. ---
    // C-level 30: in the SMEs our campaigns call, the CEO/PDG/gérant/DAF/DRH signs alone.
    // Director 22: owns a budget and strongly influences, but usually needs the C-level's sign-off.
    // Manager 14: scopes the need and recommends; a good way in, rarely the buyer.
    // Other 6: a recognised job title with no seniority word (comptable, engineer...): a user, maybe a champion.
    // Junior 0: assistants and interns are gatekeepers, not deciders. Unknown (blank) 0: nothing to go on.
    private const int CLevelPoints = 30;
    private const int DirectorPoints = 22;
    private const int ManagerPoints = 14;
    private const int OtherTitlePoints = 6;

    // --- Company size, INSEE bands: micro < 10, small < 50, medium < 250, mid-cap (ETI) < 5000, large. ---
    // Deal value grows with headcount, so points grow with it, up to the mid-caps (15); large groups drop back (12)
    // because their procurement is slow and the decider is hard to reach by phone. Unknown size gives 0.
    private static readonly (int From, string Band, int Points)[] SizeBands =
    [
        (0, "micro", 4),
        (10, "small", 8),
        (50, "medium", 12),
        (250, "mid-cap", 15),
        (5000, "large", 12),
    ];

    // --- Country: 15 when the lead is in one of the campaign's target countries, else 0 (no penalty: the BD
    // decides; a lead outside the target simply does not rise). A campaign without targets gives nobody points,
    // so scores stay comparable across campaigns.
    private const int CountryMatchPoints = 15;

    // --- Engagement. ---
    // A positive outcome (interested, meeting booked) is the strongest signal: 15 each, capped at 30 because a third
    // one is the same interest again (a rescheduled meeting), not more of it.
    // A reply shows a conversation but no qualification yet: 5 each, capped at 15.
    private const int PositiveOutcomePoints = 15;
    private const int PositiveOutcomesCap = 30;
    private const int ReplyPoints = 5;
    private const int RepliesCap = 15;

    // --- Decay. ---
    // BDs follow up about weekly, so the first two weeks of silence cost nothing. From then on each full week
    // since the last contact costs 5 more points (14 days: -5, 21: -10, ... 49: -30), capped at 30 so old leads are
    // sorted by fit rather than all sinking to 0. A lead never contacted has nothing to decay.
    private static readonly TimeSpan DecayGrace = TimeSpan.FromDays(14);
    private const int DecayPointsPerWeek = 5;
    private const int DecayCap = 30;

    /// <summary>
    /// Computes the score. The contributions come in a fixed order, one per rule (seniority, size, country,
    /// positive outcomes, replies, decay), including rules worth 0 points, so the page can explain every line.
    /// </summary>
    public static LeadScore Compute(LeadScoreInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.CompanyEmployees < 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.CompanyEmployees, "Company size cannot be negative.");
        if (inputs.PositiveOutcomes < 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.PositiveOutcomes, "Positive outcomes cannot be negative.");
        if (inputs.Replies < 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Replies, "Replies cannot be negative.");

        ScoreContribution[] contributions =
        [
            SeniorityContribution(inputs.JobTitle),
            SizeContribution(inputs.CompanyEmployees),
            CountryContribution(inputs.Country, inputs.TargetCountries),
            new("score.engagement.positive-outcomes", Capped(inputs.PositiveOutcomes, PositiveOutcomePoints, PositiveOutcomesCap)),
            new("score.engagement.replies", Capped(inputs.Replies, ReplyPoints, RepliesCap)),
            DecayContribution(inputs.LastContactedAt, inputs.Now),
        ];
        var unclamped = contributions.Sum(c => c.Points);
        return new LeadScore(Math.Clamp(unclamped, MinScore, MaxScore), unclamped, contributions);
    }

    // Caps the count before multiplying, so a huge count cannot overflow into negative points.
    private static int Capped(int count, int pointsEach, int cap) => Math.Min(count, cap / pointsEach) * pointsEach;

    private static ScoreContribution SeniorityContribution(string? jobTitle)
    {
        if (string.IsNullOrWhiteSpace(jobTitle))
            return new("score.fit.seniority.unknown", 0);
        var title = " " + Normalize(jobTitle) + " ";
        foreach (var (phrases, code, points) in SeniorityTable)
        {
            if (phrases.Any(p => title.Contains(" " + p + " ", StringComparison.Ordinal)))
                return new(code, points);
        }
        return new("score.fit.seniority.other", OtherTitlePoints);
    }

    // Checked top to bottom, first match wins; phrases match whole words of the normalised title (lower case, no
    // accents, dots dropped so "P.D.G." is "pdg", other punctuation as spaces so "Co-fondateur" contains "fondateur").
    // The order settles the titles that contain several words:
    // - junior first: "Assistante du PDG" or "Stagiaire chef de projet" are not the PDG nor a chef de projet;
    // - vice-president before C-level: "Vice-président" contains "président";
    // - C-level before director: "Directeur général", "Directrice financière" contain "directeur/directrice";
    // - director before manager: "Head of sales managers" is a head of.
    private static readonly (string[] Phrases, string Code, int Points)[] SeniorityTable =
    [
        (["assistant", "assistante", "stagiaire", "intern", "trainee", "alternant", "alternante", "apprenti", "apprentie"],
            "score.fit.seniority.junior", 0),
        (["vice president", "vice presidente", "vp", "svp", "evp"],
            "score.fit.seniority.director", DirectorPoints),
        (["ceo", "cfo", "coo", "cto", "cmo", "cio", "chro", "chief executive", "chief financial", "chief operating",
          "pdg", "dg", "daf", "drh", "directeur general", "directrice generale", "directeur financier", "directrice financiere",
          "directeur administratif et financier", "directrice administrative et financiere",
          "directeur des ressources humaines", "directrice des ressources humaines", "managing director",
          "president", "presidente", "founder", "cofounder", "fondateur", "fondatrice", "cofondateur", "cofondatrice",
          "gerant", "gerante", "cogerant", "cogerante"],
            "score.fit.seniority.c-level", CLevelPoints),
        (["directeur", "directrice", "director", "head of"],
            "score.fit.seniority.director", DirectorPoints),
        (["responsable", "manager", "chef", "cheffe"],
            "score.fit.seniority.manager", ManagerPoints),
    ];

    private static string Normalize(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '.')
                continue;
            if (char.IsLetterOrDigit(c))
                builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != ' ')
                builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }

    private static ScoreContribution SizeContribution(int? employees)
    {
        if (employees is not { } count)
            return new("score.fit.size.unknown", 0);
        var band = SizeBands.Last(b => count >= b.From);
        return new("score.fit.size." + band.Band, band.Points);
    }

    private static ScoreContribution CountryContribution(string? country, IReadOnlySet<string>? targets)
    {
        if (targets is null || targets.Count == 0)
            return new("score.fit.country.untargeted", 0);
        if (string.IsNullOrWhiteSpace(country))
            return new("score.fit.country.unknown", 0);
        var code = country.Trim();
        // Compared without relying on the set's own comparer: "fr" and "FR " are the same country.
        return targets.Any(t => string.Equals(t?.Trim(), code, StringComparison.OrdinalIgnoreCase))
            ? new("score.fit.country.match", CountryMatchPoints)
            : new("score.fit.country.outside", 0);
    }

    private static ScoreContribution DecayContribution(DateTimeOffset? lastContactedAt, DateTimeOffset now)
    {
        if (lastContactedAt is not { } last)
            return new("score.decay.never-contacted", 0);
        var silence = now - last;
        // A contact "in the future" (clocks of two machines) counts as just now.
        if (silence < DecayGrace)
            return new("score.decay.recent", 0);
        var fullWeeks = (int)Math.Min(silence.Ticks / TimeSpan.FromDays(7).Ticks, int.MaxValue / DecayPointsPerWeek);
        var lost = Math.Min((fullWeeks - 1) * DecayPointsPerWeek, DecayCap);
        return new("score.decay.inactive", -lost);
    }
}
