using System.Globalization;
using System.Text;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;

using static Facturix.Infrastructure.DemoData.DemoTime;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// The leads of every campaign, in proportion to its share: people with French names at generated companies, unique
/// e-mails and phone numbers, a status drawn from the campaign's mix and a score that agrees with it.
/// </summary>
internal sealed class DemoLeadBuilder(DemoGenerationContext context)
{
    private readonly Random _random = context.Random;
    private readonly DateTimeOffset _now = context.Now;
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);

    public void CreateLeads()
    {
        var leadCount = context.Options.LeadCount;
        var lastNames = Pool(() => TitleCase(context.Faker.Name.LastName()), 1_500);
        var companies = new DemoCompanyBuilder(_random).CreateCompanies(Math.Max(40, leadCount / 3), lastNames);
        var titleWeights = DemoCatalog.JobTitles.Select(t => t.Weight).ToArray();
        var sourceWeights = DemoCatalog.Sources.Select(s => s.Weight).ToArray();

        var duplicateShare = context.Options.DuplicateShare;
        var plans = context.CampaignPlans;
        var counts = plans.Select(p => (int)Math.Floor(p.LeadShare * leadCount)).ToArray();
        counts[0] += leadCount - counts.Sum();

        for (var pi = 0; pi < plans.Count; pi++)
        {
            var plan = plans[pi];
            for (var n = 0; n < counts[pi]; n++)
            {
                // Drawn only when asked for: the default data set keeps its random stream, hence its values, for a seed.
                if (duplicateShare > 0 && context.LeadPlans.Count > 0 && _random.NextDouble() < duplicateShare)
                {
                    AddDuplicate(plan, context.LeadPlans[_random.Next(context.LeadPlans.Count)], sourceWeights);
                    continue;
                }
                var company = companies[_random.Next(companies.Count)];
                var female = _random.NextDouble() < 0.46;
                var first = female ? _random.OneOf(DemoCatalog.FemaleFirstNames) : _random.OneOf(DemoCatalog.MaleFirstNames);
                var last = lastNames[_random.Next(lastNames.Count)];
                var title = DemoCatalog.JobTitles[_random.Pick(titleWeights)];
                var status = (LeadStatus)_random.Pick(plan.StatusMix);
                var createdAt = Min(Max(_random.WorkTime(LeadCreatedAt(plan)), plan.Campaign.CreatedAt.AddHours(1)), _now.AddHours(-1));

                var lead = new Lead
                {
                    Id = DemoIdentifiers.UuidV7(createdAt, _random),
                    CampaignId = plan.Campaign.Id,
                    AccountId = plan.Account.Id,
                    Status = status,
                    FirstName = first,
                    LastName = last,
                    JobTitle = female ? title.Feminine : title.Masculine,
                    Company = company.Name,
                    Email = _random.NextDouble() < 0.95 ? UniqueEmail(first, last, company.Domain) : null,
                    Phone = UniquePhone(_random.NextDouble() < 0.55, company.City.Region),
                    Country = "FR",
                    City = company.City.Name,
                    Siren = company.Siren,
                    Source = DemoCatalog.Sources[_random.Pick(sourceWeights)].Source,
                    Score = Score(status, title.ScoreBonus),
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt,
                };
                var owner = plan.Bds.Count > 0 ? plan.Bds[_random.Next(plan.Bds.Count)] : context.Manager;
                lead.OwnerId = owner.Id;
                // Written by COPY like every column: the zone Get Next reads calling hours in (issue 14).
                Facturix.Domain.Workspace.LeadTimeZones.Refresh(lead);
                context.LeadPlans.Add(new DemoLeadPlan(lead, plan, owner, female));
                context.Set.Leads.Add(lead);
            }
        }
    }

    /// <summary>
    /// The person of an earlier lead imported again, as real imports repeat people: same e-mail (sometimes in capitals,
    /// sometimes missing), same phone (sometimes in national format), the name sometimes without its accents.
    /// </summary>
    private void AddDuplicate(DemoCampaignPlan plan, DemoLeadPlan source, int[] sourceWeights)
    {
        var original = source.Lead;
        var status = (LeadStatus)_random.Pick(plan.StatusMix);
        var createdAt = Min(Max(_random.WorkTime(LeadCreatedAt(plan)), plan.Campaign.CreatedAt.AddHours(1)), _now.AddHours(-1));
        var r = _random.NextDouble();
        var lead = new Lead
        {
            Id = DemoIdentifiers.UuidV7(createdAt, _random),
            CampaignId = plan.Campaign.Id,
            AccountId = plan.Account.Id,
            Status = status,
            FirstName = r < 0.3 ? WithoutAccents(original.FirstName) : original.FirstName,
            LastName = r < 0.3 ? WithoutAccents(original.LastName) : r < 0.45 ? original.LastName?.ToUpperInvariant() : original.LastName,
            JobTitle = original.JobTitle,
            Company = original.Company,
            Email = _random.NextDouble() switch { < 0.15 => original.Email?.ToUpperInvariant(), < 0.3 => null, _ => original.Email },
            Phone = _random.NextDouble() < 0.25 ? NationalFormat(original.Phone) : original.Phone,
            Country = original.Country,
            City = original.City,
            Siren = original.Siren,
            Source = DemoCatalog.Sources[_random.Pick(sourceWeights)].Source,
            Score = Score(status, 0),
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        var owner = plan.Bds.Count > 0 ? plan.Bds[_random.Next(plan.Bds.Count)] : context.Manager;
        lead.OwnerId = owner.Id;
        Facturix.Domain.Workspace.LeadTimeZones.Refresh(lead);
        context.LeadPlans.Add(new DemoLeadPlan(lead, plan, owner, source.Female));
        context.Set.Leads.Add(lead);
    }

    private static string? WithoutAccents(string? text)
    {
        if (text is null) return null;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(c);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>"+33612345678" → "06 12 34 56 78", as a spreadsheet would have it.</summary>
    private static string? NationalFormat(string? e164)
    {
        if (e164 is not { Length: 12 } || !e164.StartsWith("+33", StringComparison.Ordinal)) return e164;
        var digits = "0" + e164[3..];
        return string.Join(' ', Enumerable.Range(0, 5).Select(i => digits.Substring(i * 2, 2)));
    }

    private DateTimeOffset LeadCreatedAt(DemoCampaignPlan plan)
    {
        var c = plan.Campaign;
        if (c.State == CampaignState.Draft)
            return _random.Uniform(c.CreatedAt.AddHours(1), Max(c.CreatedAt.AddHours(2), _now.AddHours(-2)));

        // Most leads come with the initial import, some trickle in while the campaign runs.
        var lateUntil = plan.WorkUntil.AddDays(-2);
        if (_random.NextDouble() < 0.85 || lateUntil <= plan.Start)
            return Max(c.CreatedAt.AddHours(1), plan.Start - TimeSpan.FromHours(_random.Next(1, 6 * 24)));
        return _random.Uniform(plan.Start, lateUntil);
    }

    private string UniqueEmail(string first, string last, string domain)
    {
        var f = DemoIdentifiers.Ascii(first);
        var l = DemoIdentifiers.Ascii(last, keepDashes: true);
        var r = _random.NextDouble();
        var local = r < 0.72 ? $"{f}.{l}" : r < 0.86 ? $"{f[0]}.{l}" : r < 0.94 ? $"{f[0]}{l}" : $"{l}.{f}";
        var email = $"{local}@{domain}";
        for (var k = 2; !_emails.Add(email); k++)
            email = $"{local}{k.ToString(CultureInfo.InvariantCulture)}@{domain}";
        return email;
    }

    private string UniquePhone(bool mobile, int region)
    {
        string phone;
        do phone = DemoIdentifiers.Phone(_random, mobile, region);
        while (!_phones.Add(phone));
        return phone;
    }

    private int Score(LeadStatus status, int bonus)
    {
        var (min, max) = status switch
        {
            LeadStatus.New => (15, 60),
            LeadStatus.Attempted => (10, 55),
            LeadStatus.Contacted => (30, 70),
            LeadStatus.Interested => (55, 85),
            LeadStatus.MeetingBooked => (65, 90),
            LeadStatus.Converted => (80, 95),
            LeadStatus.NotAFit => (0, 25),
            _ => (0, 15),
        };
        return Math.Clamp(_random.Next(min, max + 1) + bonus / 2, 0, 100);
    }

    /// <summary>The distinct values among <paramref name="draws"/> draws, in first-seen order.</summary>
    private static List<string> Pool(Func<string> draw, int draws)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pool = new List<string>();
        for (var i = 0; i < draws; i++)
        {
            var value = draw();
            if (seen.Add(value)) pool.Add(value);
        }
        return pool;
    }

    /// <summary>"le gall" or "Le gall" → "Le Gall"; "dupont-aignan" → "Dupont-Aignan".</summary>
    private static string TitleCase(string name)
    {
        var chars = name.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i == 0 || chars[i - 1] is ' ' or '-' or '\'' ? char.ToUpperInvariant(chars[i]) : chars[i];
        return new string(chars);
    }
}
