using Facturix.Domain.Common;

namespace Facturix.Domain.Leads.Cleanup;

/// <summary>The fields the clean-up touches, in the order a preview lists them.</summary>
public enum LeadField
{
    FirstName,
    LastName,
    Company,
    Email,
    Phone,
    Country,
}

/// <summary>A lead's current values for the fields the clean-up touches.</summary>
public sealed record LeadContactValues(
    string? FirstName, string? LastName, string? Company, string? Email, string? Phone, string? Country)
{
    public string? this[LeadField field] => field switch
    {
        LeadField.FirstName => FirstName,
        LeadField.LastName => LastName,
        LeadField.Company => Company,
        LeadField.Email => Email,
        LeadField.Phone => Phone,
        LeadField.Country => Country,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public LeadContactValues With(LeadField field, string? value) => field switch
    {
        LeadField.FirstName => this with { FirstName = value },
        LeadField.LastName => this with { LastName = value },
        LeadField.Company => this with { Company = value },
        LeadField.Email => this with { Email = value },
        LeadField.Phone => this with { Phone = value },
        LeadField.Country => this with { Country = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}

/// <summary>One value the clean-up would replace; <see cref="Before"/> is what an undo writes back.</summary>
public sealed record FieldChange(LeadField Field, string? Before, string? After);

/// <summary>A value the clean-up cannot fix and leaves as it is, with the reason ("lead.phone.too-short", "lead.country.unknown").</summary>
public sealed record FieldProblem(LeadField Field, string Value, string Reason);

/// <summary>What cleaning one lead would do: the changes to apply and what it had to leave alone.</summary>
public sealed record LeadCleanup(IReadOnlyList<FieldChange> Changes, IReadOnlyList<FieldProblem> Problems)
{
    public bool ChangesNothing => Changes.Count == 0;
}

/// <summary>
/// The preview of <see cref="LeadNormalizer"/> over one lead. A field is listed only when its value would change (a
/// value already clean, or one that cannot be cleaned, is not), so applying and undoing are the same loop over
/// <see cref="FieldChange"/> with After or Before. A value that cannot be read (an invalid phone, an unknown
/// country) is never blanked: it is kept and reported as a problem for a person to fix.
/// </summary>
public static class LeadCleanupPreview
{
    /// <summary>Country used to read a national phone when the lead's own country is blank or unknown.</summary>
    public const string DefaultCountry = "FR";

    public static LeadCleanup For(LeadContactValues lead)
    {
        var changes = new List<FieldChange>();
        var problems = new List<FieldProblem>();
        void Propose(LeadField field, string? after)
        {
            if (!string.Equals(lead[field], after, StringComparison.Ordinal)) changes.Add(new(field, lead[field], after));
        }

        Propose(LeadField.FirstName, LeadNormalizer.PersonName(lead.FirstName));
        Propose(LeadField.LastName, LeadNormalizer.PersonName(lead.LastName));
        Propose(LeadField.Company, LeadNormalizer.Company(lead.Company));
        Propose(LeadField.Email, LeadNormalizer.Email(lead.Email));

        // The country is read first: it is the region of a national phone number ("06 ..." in a French lead).
        var country = LeadNormalizer.Country(lead.Country);
        if (country is not null) Propose(LeadField.Country, country);
        else if (!string.IsNullOrWhiteSpace(lead.Country)) problems.Add(new(LeadField.Country, lead.Country, "lead.country.unknown"));

        var phone = LeadNormalizer.Phone(lead.Phone, country ?? DefaultCountry);
        if (phone.Problem is not { } problem) Propose(LeadField.Phone, phone.E164); // the number, or null for a blank
        else problems.Add(new(LeadField.Phone, lead.Phone!, ProblemCode(problem)));

        return new(changes, problems);
    }

    /// <summary>The lead with every change's After (apply) or Before (undo).</summary>
    public static LeadContactValues Apply(LeadContactValues lead, IEnumerable<FieldChange> changes) =>
        changes.Aggregate(lead, (values, c) => values.With(c.Field, c.After));

    public static LeadContactValues Undo(LeadContactValues lead, IEnumerable<FieldChange> changes) =>
        changes.Aggregate(lead, (values, c) => values.With(c.Field, c.Before));

    private static string ProblemCode(PhoneProblem problem) => problem switch
    {
        PhoneProblem.NotANumber => "lead.phone.not-a-number",
        PhoneProblem.UnknownCountryCode => "lead.phone.unknown-country-code",
        PhoneProblem.TooShort => "lead.phone.too-short",
        PhoneProblem.TooLong => "lead.phone.too-long",
        _ => "lead.phone.invalid",
    };
}
