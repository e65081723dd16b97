using System.Globalization;
using System.Text.Json;
using Bogus;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;

namespace Facturix.Infrastructure.DemoData;

internal sealed record DemoUser(AppUser User, string Role);

/// <summary>Everything one demo seed writes, generated in memory before a single row is sent.</summary>
internal sealed class DemoDataSet
{
    public List<DemoUser> Users { get; } = [];
    public List<Account> Accounts { get; } = [];
    public List<AccountAssignment> AccountAssignments { get; } = [];
    public List<Campaign> Campaigns { get; } = [];
    public List<CampaignAssignment> CampaignAssignments { get; } = [];
    public List<Lead> Leads { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<TaskItem> Tasks { get; } = [];
    public List<AuditEvent> AuditEvents { get; } = [];
}

/// <summary>
/// Builds a coherent, deterministic demo data set: every random choice comes from one <see cref="Random"/> seeded with
/// <see cref="DemoSeedOptions.Seed"/> (and a Bogus <see cref="Faker"/> seeded alike for the name pools), and every date
/// is relative to <see cref="DemoSeedOptions.Now"/>. No global state is touched.
/// </summary>
/// <remarks>
/// A lead's timeline is written as a story that ends in its status: an "Attempted" lead only has unanswered calls, a
/// "Converted" one has the conversation, the status changes, the confirmation e-mail and the meeting, in that order.
/// Extra unanswered calls, prospecting e-mails and notes are then spread over the worked leads so that the total comes
/// to about 7.5 activities per lead.
/// </remarks>
internal sealed class DemoDataGenerator
{
    public const double ActivitiesPerLead = 7.5;
    private const int MaxExtraActivitiesPerLead = 20;

    private static readonly TimeZoneInfo Paris = FindParis();

    // Lead status mix per campaign state, indexed by LeadStatus (New, Attempted, Contacted, Interested,
    // MeetingBooked, Converted, NotAFit, DoNotContact).
    private static readonly int[] ActiveMix = [26, 24, 15, 9, 5, 4, 13, 4];
    private static readonly int[] PausedMix = [32, 25, 12, 7, 4, 4, 12, 4];
    private static readonly int[] CompletedMix = [0, 8, 4, 3, 1, 10, 58, 16];
    private static readonly int[] DraftMix = [100, 0, 0, 0, 0, 0, 0, 0];

    // Relative weight of a worked lead when spreading the extra activities (more attempts on leads still being chased).
    private static readonly double[] ExtraWeight = [0, 2.0, 1.6, 1.4, 1.4, 1.4, 0.7, 0.5];

    private readonly DemoSeedOptions _options;
    private readonly DateTimeOffset _now;
    private readonly TimeSpan _history;
    private readonly Random _random;
    private readonly Faker _faker;
    private readonly DemoDataSet _set = new();
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);

    private AppUser _admin = null!;
    private AppUser _manager = null!;
    private readonly List<AppUser> _bds = [];
    private readonly List<CampaignPlan> _plans = [];
    private readonly List<LeadPlan> _leadPlans = [];

    private DemoDataGenerator(DemoSeedOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.LeadCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ActivityDays, 1);
        _options = options;
        _now = Truncate(options.Now.ToUniversalTime());
        _history = TimeSpan.FromDays(options.ActivityDays);
        _random = new Random(options.Seed);
        _faker = new Faker("fr") { Random = new Randomizer(options.Seed) };
    }

    public static DemoDataSet Generate(DemoSeedOptions options) => new DemoDataGenerator(options).Run();

    private DemoDataSet Run()
    {
        CreateUsers();
        CreateAccountsAndCampaigns();
        CreateLeads();
        CreateActivities();
        CreateTasks();
        CreateAuditEvents();
        _set.Leads.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        _set.Activities.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return _set;
    }

    // ---------------------------------------------------------------- users

    private void CreateUsers()
    {
        var createdAt = _now - _history * 2.4;
        for (var i = 0; i < DemoCatalog.Staff.Length; i++)
        {
            var staff = DemoCatalog.Staff[i];
            var at = createdAt.AddMinutes(i * 7);
            var user = new AppUser
            {
                Id = DemoIdentifiers.UuidV7(at, _random),
                DisplayName = staff.DisplayName,
                UserName = staff.Email,
                NormalizedUserName = staff.Email.ToUpperInvariant(),
                Email = staff.Email,
                NormalizedEmail = staff.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                // Not derived from the seed: stamps guard cookies and tokens, they must not be predictable.
                SecurityStamp = Guid.NewGuid().ToString(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                Culture = "fr",
                TimeZone = "Europe/Paris",
                CreatedAt = at,
            };
            _set.Users.Add(new DemoUser(user, staff.Role));
            switch (staff.Role)
            {
                case Roles.Admin: _admin = user; break;
                case Roles.Manager: _manager = user; break;
                default: _bds.Add(user); break;
            }
        }
    }

    // ---------------------------------------------------------------- accounts and campaigns

    private sealed class CampaignPlan(Campaign campaign, DemoCatalog.ClientSpec client, Account account)
    {
        public Campaign Campaign { get; } = campaign;
        public DemoCatalog.ClientSpec Client { get; } = client;
        public Account Account { get; } = account;
        public List<AppUser> Bds { get; } = [];
        public DateTimeOffset Start { get; set; }
        /// <summary>Activities happen in [WorkFrom, WorkUntil]; empty for a draft.</summary>
        public DateTimeOffset WorkFrom { get; set; }
        public DateTimeOffset WorkUntil { get; set; }
        public double LeadShare { get; set; }
        public int[] StatusMix { get; set; } = DraftMix;
    }

    private void CreateAccountsAndCampaigns()
    {
        // Start and end as fractions of the history window, and share of the leads. Chosen so that about as many
        // campaigns run at the start of the window as at its end: the daily activity volume stays roughly level.
        double[] activeStarts = [1.3, 1.1, 0.9, 0.6, 0.35];
        double[] activeShares = [0.17, 0.14, 0.13, 0.10, 0.07];
        (double Start, double End, double Share)[] completed = [(1.8, 0.3, 0.09), (1.6, 0.2, 0.08)];
        (double Start, double Paused, double Share)[] paused = [(1.2, 0.12, 0.11), (1.0, 0.08, 0.10)];
        int active = 0, completedIndex = 0, pausedIndex = 0;

        for (var i = 0; i < DemoCatalog.Clients.Length; i++)
        {
            var client = DemoCatalog.Clients[i];
            var createdAt = Truncate(_now - _history * 2.2 - TimeSpan.FromDays((DemoCatalog.Clients.Length - i) * 9));
            var account = new Account
            {
                Id = DemoIdentifiers.UuidV7(createdAt, _random),
                Name = client.Name,
                Industry = client.Industry,
                Website = client.Website,
                Siren = DemoIdentifiers.Siren(_random),
                City = client.City,
                Country = "FR",
                Notes = client.Notes,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            _set.Accounts.Add(account);
            _set.AccountAssignments.Add(new AccountAssignment { AccountId = account.Id, UserId = _manager.Id, AssignedAt = createdAt.AddHours(1) });

            foreach (var spec in new[] { client.First, client.Second })
            {
                var plan = new CampaignPlan(new Campaign { Name = $"{client.Name} — {spec.Name}", AccountId = account.Id, State = spec.State }, client, account);
                var c = plan.Campaign;
                switch (spec.State)
                {
                    case CampaignState.Active:
                        plan.Start = WorkTime(_now - _history * activeStarts[active]);
                        plan.WorkUntil = _now;
                        plan.LeadShare = activeShares[active++];
                        plan.StatusMix = ActiveMix;
                        c.EndsOn = LocalDate(Max(plan.Start.AddDays(120), _now.AddDays(30)));
                        c.UpdatedAt = plan.Start;
                        break;
                    case CampaignState.Paused:
                        var p = paused[pausedIndex++];
                        plan.Start = WorkTime(_now - _history * p.Start);
                        plan.WorkUntil = WorkTime(_now - _history * p.Paused);
                        plan.LeadShare = p.Share;
                        plan.StatusMix = PausedMix;
                        c.EndsOn = LocalDate(Max(plan.Start.AddDays(150), _now.AddDays(30)));
                        c.UpdatedAt = plan.WorkUntil;
                        break;
                    case CampaignState.Completed:
                        var d = completed[completedIndex++];
                        plan.Start = WorkTime(_now - _history * d.Start);
                        plan.WorkUntil = WorkTime(_now - _history * d.End);
                        plan.LeadShare = d.Share;
                        plan.StatusMix = CompletedMix;
                        c.EndsOn = LocalDate(plan.WorkUntil);
                        c.UpdatedAt = plan.WorkUntil;
                        break;
                    default:
                        plan.Start = WorkTime(_now.AddDays(10), forward: true);
                        plan.LeadShare = 0.01;
                        plan.StatusMix = DraftMix;
                        c.EndsOn = LocalDate(plan.Start.AddDays(90));
                        break;
                }
                c.StartsOn = LocalDate(plan.Start);
                c.CreatedAt = spec.State == CampaignState.Draft ? Truncate(_now.AddDays(-4)) : plan.Start.AddDays(-7);
                if (spec.State == CampaignState.Draft) c.UpdatedAt = c.CreatedAt;
                c.Id = DemoIdentifiers.UuidV7(c.CreatedAt, _random);
                c.Description = $"Prospection des {spec.Target} pour le compte de {client.Name} : {client.Offer}.";
                c.Script = DemoCatalog.Script(client, spec);
                c.LockLeaseMinutes = 15;
                plan.WorkFrom = Max(plan.Start, _now - _history);
                _set.Campaigns.Add(c);
                _plans.Add(plan);
            }
        }

        AssignCampaigns();
    }

    /// <summary>2-3 BDs per running campaign; the active slots rotate over the six BDs so each gets exactly two active campaigns.</summary>
    private void AssignCampaigns()
    {
        var activePlans = _plans.Where(p => p.Campaign.State == CampaignState.Active).ToList();
        var sizes = Enumerable.Range(0, activePlans.Count).Select(i => i < 2 ? 3 : 2).OrderBy(_ => _random.Next()).ToList();
        var rotation = _random.Next(_bds.Count);
        for (var i = 0; i < activePlans.Count; i++)
            for (var k = 0; k < sizes[i]; k++)
                activePlans[i].Bds.Add(_bds[rotation++ % _bds.Count]);

        // The other running campaigns go to the least loaded BDs, so that activity volumes stay comparable.
        var load = _bds.ToDictionary(b => b.Id, _ => 0.0);
        foreach (var plan in activePlans)
            foreach (var bd in plan.Bds)
                load[bd.Id] += plan.LeadShare / plan.Bds.Count;
        foreach (var plan in _plans.Where(p => p.Campaign.State is CampaignState.Paused or CampaignState.Completed))
        {
            var team = _bds.Select(b => (Bd: b, Tie: _random.Next())).OrderBy(x => load[x.Bd.Id]).ThenBy(x => x.Tie)
                .Take(2 + _random.Next(2)).Select(x => x.Bd).ToList();
            plan.Bds.AddRange(team);
            // Every lead of a finished campaign was worked: it weighs more than an active campaign's share.
            foreach (var bd in team)
                load[bd.Id] += plan.LeadShare * 1.3 / team.Count;
        }

        foreach (var plan in _plans)
        {
            var at = plan.Campaign.CreatedAt.AddHours(2);
            _set.CampaignAssignments.Add(new CampaignAssignment { CampaignId = plan.Campaign.Id, UserId = _manager.Id, AssignedAt = at });
            foreach (var bd in plan.Bds)
                _set.CampaignAssignments.Add(new CampaignAssignment { CampaignId = plan.Campaign.Id, UserId = bd.Id, AssignedAt = at });
        }
    }

    // ---------------------------------------------------------------- leads

    private sealed record Company(string Name, string Domain, DemoCatalog.City City, string? Siren);

    private sealed class LeadPlan(Lead lead, CampaignPlan campaign, AppUser owner, bool female)
    {
        public Lead Lead { get; } = lead;
        public CampaignPlan Campaign { get; } = campaign;
        public AppUser Owner { get; } = owner;
        public bool Female { get; } = female;
        public List<Activity> Story { get; } = [];
        public DateTimeOffset? LastActivityAt { get; set; }
    }

    private void CreateLeads()
    {
        var lastNames = Pool(() => TitleCase(_faker.Name.LastName()), 1_500);
        var companies = CreateCompanies(Math.Max(40, _options.LeadCount / 3), lastNames);
        var titleWeights = DemoCatalog.JobTitles.Select(t => t.Weight).ToArray();
        var sourceWeights = DemoCatalog.Sources.Select(s => s.Weight).ToArray();

        var counts = _plans.Select(p => (int)Math.Floor(p.LeadShare * _options.LeadCount)).ToArray();
        counts[0] += _options.LeadCount - counts.Sum();

        for (var pi = 0; pi < _plans.Count; pi++)
        {
            var plan = _plans[pi];
            for (var n = 0; n < counts[pi]; n++)
            {
                var company = companies[_random.Next(companies.Count)];
                var female = _random.NextDouble() < 0.46;
                var first = female
                    ? DemoCatalog.FemaleFirstNames[_random.Next(DemoCatalog.FemaleFirstNames.Length)]
                    : DemoCatalog.MaleFirstNames[_random.Next(DemoCatalog.MaleFirstNames.Length)];
                var last = lastNames[_random.Next(lastNames.Count)];
                var title = DemoCatalog.JobTitles[Pick(titleWeights)];
                var status = (LeadStatus)Pick(plan.StatusMix);
                var createdAt = Min(Max(WorkTime(LeadCreatedAt(plan)), plan.Campaign.CreatedAt.AddHours(1)), _now.AddHours(-1));

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
                    Source = DemoCatalog.Sources[Pick(sourceWeights)].Source,
                    Score = Score(status, title.ScoreBonus),
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt,
                };
                var owner = plan.Bds.Count > 0 ? plan.Bds[_random.Next(plan.Bds.Count)] : _manager;
                _leadPlans.Add(new LeadPlan(lead, plan, owner, female));
                _set.Leads.Add(lead);
            }
        }
    }

    private List<Company> CreateCompanies(int count, List<string> lastNames)
    {
        var cityWeights = DemoCatalog.Cities.Select(c => c.Weight).ToArray();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        var companies = new List<Company>(count);
        string[] legalForms = ["SA", "SARL", "SAS", "SASU", "EURL", "SCOP", "GIE", "SEM", "SNC", "EI"];
        while (companies.Count < count)
        {
            var city = DemoCatalog.Cities[Pick(cityWeights)];
            string name;
            if (_random.NextDouble() < 0.45)
            {
                // Family names, French style ("Martin et Fils", "Établissements Roux", "Garnier Leroy SAS").
                string Last() => lastNames[_random.Next(lastNames.Count)];
                name = _random.Next(6) switch
                {
                    0 => $"{Last()} et Fils",
                    1 => $"Établissements {Last()}",
                    2 => $"{Last()} & {Last()}",
                    3 => $"{Last()} {Last()} {legalForms[_random.Next(5)]}",
                    _ => $"{Last()} {legalForms[_random.Next(legalForms.Length)]}",
                };
            }
            else
            {
                var brand = DemoCatalog.BrandStarts[_random.Next(DemoCatalog.BrandStarts.Length)]
                    + DemoCatalog.BrandEnds[_random.Next(DemoCatalog.BrandEnds.Length)];
                var qualifier = DemoCatalog.BrandQualifiers[_random.Next(DemoCatalog.BrandQualifiers.Length)];
                name = qualifier.Length == 0 ? brand : _random.Next(3) == 0 && qualifier == "Groupe" ? $"Groupe {brand}" : $"{brand} {qualifier}";
            }
            if (!names.Add(name))
            {
                name = $"{name} {city.Name}";
                if (!names.Add(name)) continue;
            }

            var core = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !legalForms.Contains(w) && w is not ("et" or "&" or "Établissements" or "Fils")));
            var slug = DemoIdentifiers.Ascii(core, keepDashes: true);
            if (slug.Length == 0) slug = "entreprise";
            var tld = _random.NextDouble() < 0.75 ? ".fr" : ".com";
            var domain = slug + tld;
            for (var k = 2; !domains.Add(domain); k++)
                domain = $"{slug}-{DemoIdentifiers.Ascii(city.Name, keepDashes: true)}{(k > 2 ? k.ToString(CultureInfo.InvariantCulture) : "")}{tld}";

            companies.Add(new Company(name, domain, city, _random.NextDouble() < 0.70 ? DemoIdentifiers.Siren(_random) : null));
        }
        return companies;
    }

    private DateTimeOffset LeadCreatedAt(CampaignPlan plan)
    {
        var c = plan.Campaign;
        if (c.State == CampaignState.Draft)
            return Uniform(c.CreatedAt.AddHours(1), Max(c.CreatedAt.AddHours(2), _now.AddHours(-2)));

        // Most leads come with the initial import, some trickle in while the campaign runs.
        var lateUntil = plan.WorkUntil.AddDays(-2);
        if (_random.NextDouble() < 0.85 || lateUntil <= plan.Start)
            return Max(c.CreatedAt.AddHours(1), plan.Start - TimeSpan.FromHours(_random.Next(1, 6 * 24)));
        return Uniform(plan.Start, lateUntil);
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

    // ---------------------------------------------------------------- activities

    private void CreateActivities()
    {
        var worked = _leadPlans.Where(l => l.Lead.Status != LeadStatus.New && l.Campaign.Campaign.State != CampaignState.Draft).ToList();
        foreach (var plan in worked)
            WriteStory(plan);

        var mandatory = worked.Sum(l => l.Story.Count);
        var budget = Math.Max(0, (int)Math.Round(_options.LeadCount * ActivitiesPerLead) - mandatory);
        var totalWeight = worked.Sum(l => ExtraWeight[(int)l.Lead.Status]);
        foreach (var plan in worked)
        {
            var expected = totalWeight > 0 ? budget * ExtraWeight[(int)plan.Lead.Status] / totalWeight : 0;
            var draw = expected * (0.5 + _random.NextDouble());
            var extras = Math.Min(MaxExtraActivitiesPerLead, (int)draw + (_random.NextDouble() < draw % 1 ? 1 : 0));
            var prefix = new List<Activity>(extras);
            for (var i = 0; i < extras; i++)
                prefix.Add(ExtraActivity(plan));
            plan.Story.InsertRange(0, prefix);
            Schedule(plan);
            _set.Activities.AddRange(plan.Story);
        }
    }

    /// <summary>The activities that explain how the lead reached its status, in order.</summary>
    private void WriteStory(LeadPlan plan)
    {
        var status = plan.Lead.Status;
        var current = LeadStatus.Attempted;
        var reached = true;
        switch (status)
        {
            case LeadStatus.Attempted:
                plan.Story.Add(Attempt(plan));
                break;
            case LeadStatus.Contacted:
                plan.Story.Add(Call(plan, CallOutcome.CallBack, 40, 240, OneOf(DemoCatalog.CallBackNotes)));
                if (_random.NextDouble() < 0.4) plan.Story.Add(FollowUpEmail(plan));
                break;
            case LeadStatus.NotAFit:
                var reason = OneOf(DemoCatalog.NotAFitReasons);
                reached = _random.NextDouble() >= 0.12;
                if (!reached) reason = "Numéro erroné : la personne ne fait plus partie de l'entreprise.";
                plan.Story.Add(reached
                    ? Call(plan, CallOutcome.NotAFit, 45, 300, reason)
                    : Call(plan, CallOutcome.WrongNumber, 5, 25, reason));
                plan.Story.Add(StatusChange(plan, ref current, LeadStatus.NotAFit, reason, visible: false));
                break;
            case LeadStatus.DoNotContact:
                plan.Story.Add(Call(plan, CallOutcome.NotAFit, 30, 120, "Demande explicitement à ne plus être contacté."));
                plan.Story.Add(StatusChange(plan, ref current, LeadStatus.DoNotContact, "Opposition au démarchage (RGPD).", visible: false));
                break;
            default: // Interested, MeetingBooked, Converted
                if (_random.NextDouble() < 0.35)
                    plan.Story.Add(Call(plan, CallOutcome.CallBack, 40, 240, OneOf(DemoCatalog.CallBackNotes)));
                current = LeadStatus.Contacted;
                plan.Story.Add(Call(plan, CallOutcome.Interested, 240, 900, OneOf(DemoCatalog.InterestNotes)));
                plan.Story.Add(StatusChange(plan, ref current, LeadStatus.Interested, null, visible: false));
                plan.Story.Add(DocumentationEmail(plan));
                if (status == LeadStatus.Interested) break;

                var c = plan.Campaign.Client;
                plan.Story.Add(Call(plan, CallOutcome.MeetingBooked, 300, 1_200,
                    $"Rendez-vous fixé avec {plan.Lead.DisplayName} : présentation de l'offre {c.Name}."));
                plan.Story.Add(StatusChange(plan, ref current, LeadStatus.MeetingBooked, null, visible: true));
                plan.Story.Add(ConfirmationEmail(plan));
                if (status == LeadStatus.MeetingBooked) break;

                plan.Story.Add(NewActivity(plan, ActivityKind.Meeting, null, $"Rendez-vous — {plan.Lead.Company}",
                    $"Présentation de l'offre {c.Name} à {plan.Lead.DisplayName} ({plan.Lead.JobTitle}). Besoin confirmé, proposition validée en séance.",
                    _random.Next(1_800, 5_400), visible: true));
                plan.Story.Add(NewActivity(plan, ActivityKind.Note, null, "Compte rendu",
                    $"{plan.Lead.Company} signe avec {c.Name}. Passage de relais à l'équipe commerciale du client.", null, visible: true));
                plan.Story.Add(StatusChange(plan, ref current, LeadStatus.Converted, null, visible: true));
                break;
        }

        // About a third of the people reached leave feedback worth showing to the client (portal).
        var feedback = status switch
        {
            LeadStatus.Contacted => DemoCatalog.ClientFeedbackAfterContact,
            LeadStatus.Interested or LeadStatus.MeetingBooked => DemoCatalog.ClientFeedbackWhenInterested,
            LeadStatus.NotAFit => DemoCatalog.ClientFeedbackWhenRefused,
            _ => null,
        };
        if (feedback is not null && reached && _random.NextDouble() < 0.3)
            plan.Story.Add(NewActivity(plan, ActivityKind.Note, null, "Retour terrain", OneOf(feedback), null, visible: true));
    }

    private Activity ExtraActivity(LeadPlan plan)
    {
        var r = _random.NextDouble();
        if (r < 0.12 && plan.Lead.Email is not null) return ProspectingEmail(plan);
        if (r < 0.24) return NewActivity(plan, ActivityKind.Note, null, null, OneOf(DemoCatalog.InternalNotes), null, visible: false);
        return Attempt(plan);
    }

    private Activity Attempt(LeadPlan plan) => _random.NextDouble() < 0.62
        ? Call(plan, CallOutcome.NoAnswer, 8, 35, null)
        : Call(plan, CallOutcome.Voicemail, 20, 60, _random.Next(3) == 0 ? "Message laissé, rappel proposé demain." : "Message laissé sur la messagerie.");

    private Activity Call(LeadPlan plan, CallOutcome outcome, int minSeconds, int maxSeconds, string? body) =>
        NewActivity(plan, ActivityKind.Call, outcome, null, body, _random.Next(minSeconds, maxSeconds + 1), visible: false);

    private Activity StatusChange(LeadPlan plan, ref LeadStatus current, LeadStatus next, string? reason, bool visible)
    {
        var body = $"{DemoCatalog.StatusLabel(current)} → {DemoCatalog.StatusLabel(next)}";
        if (reason is not null) body += $" : {reason}";
        current = next;
        return NewActivity(plan, ActivityKind.Status, null, $"Statut : {DemoCatalog.StatusLabel(next)}", body, null, visible);
    }

    private Activity ProspectingEmail(LeadPlan plan)
    {
        var c = plan.Campaign.Client;
        var activity = NewActivity(plan, ActivityKind.Email, null, null, null, null, visible: false);
        activity.Subject = _random.Next(3) switch
        {
            0 => $"{c.Name} — {char.ToUpperInvariant(c.Offer[0])}{c.Offer[1..]}",
            1 => "Suite à mon appel",
            _ => $"Prise de contact — {c.Name}",
        };
        activity.Body = $"""
            Bonjour {Salutation(plan)},

            J'ai essayé de vous joindre par téléphone. {c.Name} accompagne les entreprises comme {plan.Lead.Company} pour {c.Benefit}.

            Auriez-vous 15 minutes la semaine prochaine pour en parler ?

            Bien cordialement,
            {DisplayName(activity)}
            """;
        return activity;
    }

    private Activity FollowUpEmail(LeadPlan plan)
    {
        var c = plan.Campaign.Client;
        var activity = NewActivity(plan, ActivityKind.Email, null, "Suite à notre échange téléphonique", null, null, visible: false);
        activity.Body = $"""
            Bonjour {Salutation(plan)},

            Merci pour votre temps au téléphone. Comme convenu, je vous recontacte prochainement pour reprendre notre échange sur {c.Offer}.

            Bien cordialement,
            {DisplayName(activity)}
            """;
        return activity;
    }

    private Activity DocumentationEmail(LeadPlan plan)
    {
        var c = plan.Campaign.Client;
        var activity = NewActivity(plan, ActivityKind.Email, null, $"Documentation {c.Name}", null, null, visible: false);
        activity.Body = $"""
            Bonjour {Salutation(plan)},

            Comme convenu lors de notre échange, vous trouverez ci-joint la présentation de {c.Name} et de son offre de {c.Offer}.

            Je reste à votre disposition pour organiser un rendez-vous avec l'un de leurs experts.

            Bien cordialement,
            {DisplayName(activity)}
            """;
        return activity;
    }

    private Activity ConfirmationEmail(LeadPlan plan)
    {
        var c = plan.Campaign.Client;
        var activity = NewActivity(plan, ActivityKind.Email, null, "Confirmation de notre rendez-vous", null, null, visible: false);
        activity.Body = $"""
            Bonjour {Salutation(plan)},

            Je vous confirme votre rendez-vous avec un consultant de {c.Name}. Vous recevrez l'invitation dans la journée.

            Bien cordialement,
            {DisplayName(activity)}
            """;
        return activity;
    }

    private string Salutation(LeadPlan plan) => $"{(plan.Female ? "Madame" : "Monsieur")} {plan.Lead.LastName}";

    private string DisplayName(Activity activity) =>
        activity.UserId == _manager.Id ? _manager.DisplayName : _bds.First(b => b.Id == activity.UserId).DisplayName;

    private Activity NewActivity(LeadPlan plan, ActivityKind kind, CallOutcome? outcome, string? subject, string? body, int? duration, bool visible)
    {
        var bds = plan.Campaign.Bds;
        var user = _random.NextDouble() < 0.85 || bds.Count < 2 ? plan.Owner : bds[_random.Next(bds.Count)];
        return new Activity
        {
            LeadId = plan.Lead.Id,
            AccountId = plan.Campaign.Account.Id,
            CampaignId = plan.Campaign.Campaign.Id,
            UserId = user.Id,
            Kind = kind,
            Outcome = outcome,
            Subject = subject,
            Body = body,
            DurationSeconds = duration,
            ClientVisible = visible,
        };
    }

    /// <summary>Spreads the story over the campaign's working window (working days and hours, Paris time) and updates the lead.</summary>
    private void Schedule(LeadPlan plan)
    {
        var lead = plan.Lead;
        var campaign = plan.Campaign;
        var from = Max(campaign.WorkFrom, lead.CreatedAt.AddMinutes(30));
        var until = Min(campaign.WorkUntil, _now.AddMinutes(-1));
        if (until <= from) until = Min(from.AddHours(4), _now.AddMinutes(-1));
        if (until <= from) from = until.AddHours(-1);

        // The story lasts about one working day per activity. Its start is drawn over [from - length/2, until - length/2],
        // then the story is moved (whole) inside the window: a campaign's daily volume then stays about level, without
        // a ramp-up at the start of the history nor a pile-up at "now". An open lead's story ends at its last event.
        var length = Min(TimeSpan.FromDays(plan.Story.Count * (0.7 + _random.NextDouble() * 1.3)), until - from);
        var start = from - length / 2 + (until - from) * _random.NextDouble();
        if (start + length > until) start = until - length;
        if (start < from) start = from;
        var end = start + length;

        var times = new DateTimeOffset[plan.Story.Count];
        for (var i = 0; i < times.Length; i++)
        {
            // Mostly working days and hours; snapping can land later today than "now", or before the lead existed:
            // then try the day before, else keep the raw instant.
            var t = Uniform(start, end);
            var snapped = _random.NextDouble() < 0.97 ? WorkTime(t) : OffHours(t);
            if (snapped > until) snapped = WorkTime(t.AddDays(-1));
            times[i] = snapped >= from && snapped <= until ? snapped : t;
        }
        Array.Sort(times);

        DateTimeOffset? lastContact = null;
        for (var i = 0; i < times.Length; i++)
        {
            var activity = plan.Story[i];
            if (activity.Kind == ActivityKind.Status && i > 0)
            {
                // A status change is recorded right after the call (or meeting) that caused it.
                var previous = plan.Story[i - 1];
                var right = times[i - 1].AddSeconds((previous.DurationSeconds ?? 0) + _random.Next(20, 240));
                if (right < times[i]) times[i] = right;
            }
            activity.OccurredAt = times[i];
            activity.CreatedAt = Min(times[i].AddSeconds(activity.DurationSeconds ?? 0), _now);
            activity.Id = DemoIdentifiers.UuidV7(times[i], _random);
            if (activity.Kind is ActivityKind.Call or ActivityKind.Email or ActivityKind.Meeting) lastContact = times[i];
        }

        var last = times.Length > 0 ? times[^1] : lead.CreatedAt;
        plan.LastActivityAt = last;
        lead.LastContactedAt = lastContact;
        lead.UpdatedAt = Max(lead.CreatedAt, last);
        if (campaign.Campaign.State is CampaignState.Active or CampaignState.Paused)
        {
            lead.NextCallAt = lead.Status switch
            {
                LeadStatus.Attempted when _random.NextDouble() < 0.5 => WorkTime(last.AddDays(_random.Next(1, 6)), forward: true),
                LeadStatus.Contacted => WorkTime(last.AddDays(_random.Next(1, 8)), forward: true),
                LeadStatus.Interested when _random.NextDouble() < 0.6 => WorkTime(last.AddDays(_random.Next(3, 11)), forward: true),
                _ => null,
            };
        }
    }

    // ---------------------------------------------------------------- tasks

    private void CreateTasks()
    {
        var byOwner = _leadPlans.ToLookup(l => l.Owner.Id);
        foreach (var bd in _bds)
        {
            var mine = byOwner[bd.Id].ToList();
            var open = mine
                .Where(l => l.Campaign.Campaign.State == CampaignState.Active
                    && l.Lead.Status is LeadStatus.Attempted or LeadStatus.Contacted or LeadStatus.Interested or LeadStatus.MeetingBooked
                    && (l.Lead.Status != LeadStatus.Attempted || l.Lead.NextCallAt is not null))
                .ToList();
            Shuffle(open);
            foreach (var plan in open.Take(25 + _random.Next(16)))
                _set.Tasks.Add(OpenLeadTask(bd, plan));

            var done = mine.Where(l => l.LastActivityAt is not null && l.Campaign.Campaign.State != CampaignState.Draft).ToList();
            Shuffle(done);
            foreach (var plan in done.Take(8 + _random.Next(8)))
                _set.Tasks.Add(CompletedLeadTask(bd, plan));

            var campaign = _plans.First(p => p.Bds.Contains(bd) && p.Campaign.State == CampaignState.Active);
            _set.Tasks.Add(NewTask(bd, _manager, null, campaign, $"Mettre à jour le fichier de prospection {campaign.Client.Name}",
                "Supprimer les doublons et compléter les numéros manquants.", TaskPriority.Low,
                WorkTime(_now.AddDays(_random.Next(2, 10)), forward: true), null, _now.AddDays(-_random.Next(1, 5))));
            _set.Tasks.Add(NewTask(bd, _manager, null, null, $"Point hebdomadaire avec {_manager.DisplayName}", null, TaskPriority.Normal,
                WorkTime(_now.AddDays(_random.Next(1, 7)), forward: true), null, _now.AddDays(-_random.Next(1, 5))));
        }

        foreach (var account in _plans.Where(p => p.Campaign.State == CampaignState.Active))
        {
            _set.Tasks.Add(NewTask(_manager, _manager, null, account, $"Envoyer le reporting mensuel à {account.Client.Name}",
                "Chiffres de la campagne, rendez-vous obtenus et retours terrain.", TaskPriority.High,
                WorkTime(_now.AddDays(_random.Next(-2, 12)), forward: true), null, _now.AddDays(-_random.Next(5, 20))));
        }
    }

    private TaskItem OpenLeadTask(AppUser bd, LeadPlan plan)
    {
        var lead = plan.Lead;
        var name = $"{lead.DisplayName} ({lead.Company})";
        var last = plan.LastActivityAt ?? lead.CreatedAt;
        var due = Max(WorkTime(_now + TimeSpan.FromHours(_random.Next(-5 * 24, 12 * 24)), forward: true), last.AddHours(2));
        var (title, priority) = lead.Status switch
        {
            LeadStatus.Interested when _random.Next(2) == 0 => ($"Envoyer une proposition à {lead.Company}", _random.Next(3) == 0 ? TaskPriority.High : TaskPriority.Normal),
            LeadStatus.Interested => ($"Relancer {name} suite à l'envoi de la documentation", TaskPriority.Normal),
            LeadStatus.MeetingBooked => ($"Préparer le rendez-vous avec {name}", TaskPriority.High),
            _ => ($"Rappeler {name}", _random.Next(6) == 0 ? TaskPriority.High : TaskPriority.Normal),
        };
        if (lead.Status is LeadStatus.Attempted or LeadStatus.Contacted) lead.NextCallAt = due;
        var creator = _random.NextDouble() < 0.8 ? bd : _manager;
        var notes = _random.NextDouble() < 0.3 && lead.Phone is not null ? $"Ligne directe : {lead.Phone}" : null;
        return NewTask(bd, creator, lead, plan.Campaign, title, notes, priority, due, null, Min(last, _now));
    }

    private TaskItem CompletedLeadTask(AppUser bd, LeadPlan plan)
    {
        // Done around the lead's last activity: created a few days before it was due, completed near the due date.
        var lead = plan.Lead;
        var last = plan.LastActivityAt ?? lead.CreatedAt;
        var due = Clamp(WorkTime(last.AddHours(-_random.Next(0, 48))), lead.CreatedAt.AddHours(2), Min(last, _now.AddHours(-1)));
        var created = Clamp(WorkTime(due.AddDays(-_random.Next(1, 5))), lead.CreatedAt.AddMinutes(30), due);
        var completed = Clamp(WorkTime(due.AddHours(_random.Next(-6, 20))), created.AddMinutes(10), Min(last, _now));
        var title = _random.Next(3) switch
        {
            0 => $"Envoyer un e-mail de présentation à {lead.DisplayName}",
            1 => $"Trouver la ligne directe de {lead.DisplayName} ({lead.Company})",
            _ => $"Rappeler {lead.DisplayName} ({lead.Company})",
        };
        return NewTask(bd, bd, lead, plan.Campaign, title, null, TaskPriority.Normal, due, completed, created);
    }

    private TaskItem NewTask(AppUser assignee, AppUser creator, Lead? lead, CampaignPlan? campaign, string title, string? notes,
        TaskPriority priority, DateTimeOffset due, DateTimeOffset? completedAt, DateTimeOffset createdAt)
    {
        createdAt = Truncate(Min(createdAt, _now));
        return new TaskItem
        {
            Id = DemoIdentifiers.UuidV7(createdAt, _random),
            Title = title,
            Notes = notes,
            AssigneeId = assignee.Id,
            CreatedById = creator.Id,
            LeadId = lead?.Id,
            AccountId = campaign?.Account.Id,
            CampaignId = campaign?.Campaign.Id,
            Priority = priority,
            DueAt = Truncate(due),
            CompletedAt = completedAt is { } c ? Truncate(c) : null,
            CreatedAt = createdAt,
            UpdatedAt = completedAt is { } u ? Truncate(Max(u, createdAt)) : createdAt,
        };
    }

    // ---------------------------------------------------------------- audit

    private void CreateAuditEvents()
    {
        foreach (var account in _set.Accounts)
            _set.AuditEvents.Add(Audit(account.CreatedAt, _admin.Id, "account.created", "account", account.Id, new { name = account.Name }));
        foreach (var plan in _plans.Where(p => p.Campaign.State is CampaignState.Paused or CampaignState.Completed))
            _set.AuditEvents.Add(Audit(plan.WorkUntil, _manager.Id, "campaign.state-changed", "campaign", plan.Campaign.Id,
                new { from = nameof(CampaignState.Active), to = plan.Campaign.State.ToString() }));
        _set.AuditEvents.Add(Audit(_now, null, "demo.seeded", "database", null, new
        {
            seed = _options.Seed,
            leads = _set.Leads.Count,
            activities = _leadPlans.Sum(l => l.Story.Count),
            tasks = _set.Tasks.Count,
        }));
    }

    private static AuditEvent Audit(DateTimeOffset at, Guid? actor, string action, string entityType, Guid? entityId, object details) => new()
    {
        OccurredAt = at,
        ActorId = actor,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Details = JsonSerializer.Serialize(details),
    };

    // ---------------------------------------------------------------- time and random helpers

    /// <summary>
    /// The same day in Paris (a weekend moves back into the week) at a working time of day: mostly 9:00-12:30 and
    /// 14:00-18:30.
    /// </summary>
    private DateTimeOffset WorkTime(DateTimeOffset instant, bool forward = false)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Paris);
        var date = DateOnly.FromDateTime(local.DateTime);
        // A weekend moves to a weekday of the same week (Monday to Friday before it), or to the next Monday for
        // something scheduled (forward).
        date = (date.DayOfWeek, forward) switch
        {
            (DayOfWeek.Saturday, true) => date.AddDays(2),
            (DayOfWeek.Sunday, true) => date.AddDays(1),
            (DayOfWeek.Saturday, false) => date.AddDays(-_random.Next(1, 6)),
            (DayOfWeek.Sunday, false) => date.AddDays(-_random.Next(2, 7)),
            _ => date,
        };
        var r = _random.NextDouble();
        var (fromMinute, toMinute) = r switch
        {
            < 0.05 => (8 * 60, 9 * 60),
            < 0.50 => (9 * 60, 12 * 60 + 30),
            < 0.58 => (12 * 60 + 30, 14 * 60),
            < 0.97 => (14 * 60, 18 * 60 + 30),
            _ => (18 * 60 + 30, 19 * 60 + 30),
        };
        var seconds = _random.Next(fromMinute * 60, toMinute * 60);
        var localTime = date.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(seconds)));
        return new DateTimeOffset(localTime, Paris.GetUtcOffset(localTime)).ToUniversalTime();
    }

    /// <summary>The same day (weekends included) early in the morning or in the evening, Paris time.</summary>
    private DateTimeOffset OffHours(DateTimeOffset instant)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);
        var seconds = _random.NextDouble() < 0.4 ? _random.Next(7 * 3600, 8 * 3600) : _random.Next(19 * 3600 + 1800, 21 * 3600);
        var localTime = date.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(seconds)));
        return new DateTimeOffset(localTime, Paris.GetUtcOffset(localTime)).ToUniversalTime();
    }

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    private DateTimeOffset Uniform(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : Truncate(from + (to - from) * _random.NextDouble());

    private int Pick(int[] weights)
    {
        var total = 0;
        foreach (var w in weights) total += w;
        var x = _random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.Length - 1;
    }

    /// <summary>"le gall" or "Le gall" → "Le Gall"; "dupont-aignan" → "Dupont-Aignan".</summary>
    private static string TitleCase(string name)
    {
        var chars = name.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i == 0 || chars[i - 1] is ' ' or '-' or '\'' ? char.ToUpperInvariant(chars[i]) : chars[i];
        return new string(chars);
    }

    private string OneOf(string[] values) => values[_random.Next(values.Length)];

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

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

    /// <summary>Whole seconds: what PostgreSQL stores is then exactly what was generated.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    private static DateTimeOffset Clamp(DateTimeOffset t, DateTimeOffset min, DateTimeOffset max) => t > max ? max : t < min ? min : t;

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Paris", TimeSpan.FromHours(1), "Europe/Paris", "Europe/Paris");
        }
    }
}
