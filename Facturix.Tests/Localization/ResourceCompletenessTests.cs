using System.Text.RegularExpressions;
using System.Xml.Linq;
using Facturix.App.Localization;
using Facturix.Tests.Support;

namespace Facturix.Tests.Localization;

/// <summary>
/// Every feature's strings exist in French and English, and every key a component asks any of its localizers for
/// exists in that localizer's resources (a component may inject several: L for its feature, E for EnumStrings...).
/// Covers every .resx of Facturix.App, so a new feature's resources are checked without touching this test.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string AppDirectory = SourceTree.AppDirectory;

    public static TheoryData<string> FrenchResources() =>
        new(Directory.EnumerateFiles(AppDirectory, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal) && !SourceTree.IsBuildOutput(f))
            .Select(f => Path.GetRelativePath(AppDirectory, f)));

    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void French_and_English_resources_have_the_same_keys_and_no_empty_text(string frenchFile)
    {
        var french = Read(Path.Combine(AppDirectory, frenchFile));
        var english = Read(Path.Combine(AppDirectory, frenchFile.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

        Assert.Equal(french.Keys.Order(), english.Keys.Order());
        Assert.All(french.Concat(english), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), entry.Key));
    }

    /// <summary>
    /// French sets « ? ! ; : % » apart with a no-break space (narrow before ? ! ; %), so a line never starts with the
    /// punctuation: with an ordinary space "deux questions ?" wrapped its "?" onto a line of its own, and "(25 %)" its "%)".
    /// </summary>
    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void French_punctuation_is_held_to_its_word_by_a_no_break_space(string frenchFile) =>
        Assert.Empty(TextsMatching(BreakableFrenchPunctuation(), frenchFile));

    /// <summary>A count's sentence has both grammatical numbers, or a language would show a key for 1 (or for 2).</summary>
    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void Every_plural_key_has_its_one_and_other_forms(string frenchFile)
    {
        var keys = Read(Path.Combine(AppDirectory, frenchFile)).Keys.ToHashSet();
        // Only from ".One": a key may end in ".Other" for its own sake (Delimiter.Other); Plural's callers are checked below.
        var halves = keys.Where(key => key.EndsWith(PluralText.OneSuffix, StringComparison.Ordinal)
            && !keys.Contains(key[..^PluralText.OneSuffix.Length] + PluralText.OtherSuffix));
        Assert.Empty(halves);
    }

    /// <summary>"lead(s)" reads as a form left unfinished; <see cref="PluralText"/> picks the right one.</summary>
    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void No_text_hedges_its_grammatical_number_with_brackets(string frenchFile) =>
        Assert.Empty(TextsMatching(HedgedPlural(), frenchFile, frenchFile.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

    /// <summary>
    /// A name in a French sentence carries no past participle ("{0} est désactivé" read wrong for Isabelle, "{0} sera
    /// recréée" for Jean): the sentence names the account, the record or the sessions instead, whose gender is known.
    /// </summary>
    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void A_french_sentence_never_agrees_a_participle_with_a_name(string frenchFile) =>
        Assert.Empty(TextsMatching(ParticipleAfterName(), frenchFile));

    /// <summary>French writes "e-mail", as most of the app did; "Email" on the sign-in page and the leads filters was the odd one out.</summary>
    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void French_writes_e_mail(string frenchFile) =>
        Assert.Empty(TextsMatching(EmailWithoutHyphen(), frenchFile));

    /// <summary>
    /// One apostrophe: the texts mixed ' and ’ (a tab read "Résultats d'appel" over a panel titled "Résultats d’appel").
    /// The straight one is what people type, in a search as in a test.
    /// </summary>
    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void Texts_write_the_straight_apostrophe(string frenchFile) =>
        Assert.Empty(TextsMatching(TypographicApostrophe(), frenchFile, frenchFile.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

    [Fact]
    public void A_component_never_writes_a_label_colon_of_its_own()
    {
        // "@L["X"] : value" gave French's spacing to English ("Owner : Camille"); SharedStrings' LabelValue has each one's.
        var written = Directory.EnumerateFiles(AppDirectory, "*.razor", SearchOption.AllDirectories)
            .Where(f => !SourceTree.IsBuildOutput(f))
            .SelectMany(razor => File.ReadLines(razor).Where(line => LabelColonInMarkup().IsMatch(line))
                .Select(line => $"{Path.GetRelativePath(AppDirectory, razor)}: {line.Trim()}"));
        Assert.Empty(written);
    }

    [Fact]
    public void Every_literal_key_a_component_asks_for_exists_in_its_resources()
    {
        var missing = Directory.EnumerateFiles(AppDirectory, "*.razor", SearchOption.AllDirectories)
            .Where(f => !SourceTree.IsBuildOutput(f))
            .SelectMany(razor => MissingKeys(File.ReadAllText(razor)).Select(key => $"{Path.GetRelativePath(AppDirectory, razor)}: {key}"));
        Assert.Empty(missing);
    }

    [Fact]
    public void A_component_with_two_localizers_has_each_key_checked_against_its_own_resources()
    {
        var page = File.ReadAllText(Path.Combine(AppDirectory, "Users", "Admin", "UserRoleSelect.razor"));

        Assert.Equal(new Dictionary<string, string> { ["L"] = "AdminStrings", ["E"] = "EnumStrings" }, InjectedLocalizers(page));
        Assert.Empty(MissingKeys(page));
        // The real page asking each localizer for the other one's key is caught both ways, and right keys pass.
        Assert.Equal(["L: Role.Admin", "E: Title"], MissingKeys(page + "\n@L[\"Role.Admin\"] @E[\"Title\"]\n"));
        Assert.Empty(MissingKeys(page + "\n@E[\"Role.Admin\"] @L[\"Title\"]\n"));
    }

    /// <summary>Each <c>@inject IStringLocalizer&lt;X&gt; Name</c> of a component: the name it uses, mapped to X.</summary>
    private static Dictionary<string, string> InjectedLocalizers(string razor) =>
        InjectedLocalizer().Matches(razor).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value);

    /// <summary>"Name: Key" for every literal <c>Name["Key"]</c> whose resources (by that name's marker type) lack Key.</summary>
    private static List<string> MissingKeys(string razor)
    {
        var missing = new List<string>();
        foreach (var (name, type) in InjectedLocalizers(razor))
        {
            var keys = ResourceKeys(type);
            var uses = new Regex($@"(?<![\w.]){Regex.Escape(name)}\[""(?<key>[^""]+)""[\],]");
            missing.AddRange(uses.Matches(razor).Select(use => use.Groups["key"].Value).Where(key => !keys.Contains(key)).Select(key => $"{name}: {key}"));
            // Name.Plural("Key", count, ...) and Name.Count("Key", count) read Key.One or Key.Other: both must be there.
            var plurals = new Regex($@"(?<![\w.]){Regex.Escape(name)}\.(Plural|Count)\(""(?<key>[^""]+)""");
            missing.AddRange(plurals.Matches(razor).Select(use => use.Groups["key"].Value)
                .SelectMany(key => new[] { key + PluralText.OneSuffix, key + PluralText.OtherSuffix })
                .Where(key => !keys.Contains(key)).Select(key => $"{name}: {key}"));
        }
        return missing;
    }

    private static HashSet<string> ResourceKeys(string markerType)
    {
        var file = Directory.EnumerateFiles(AppDirectory, markerType + ".resx", SearchOption.AllDirectories)
            .Single(f => !SourceTree.IsBuildOutput(f));
        return Read(file).Keys.ToHashSet();
    }

    /// <summary>"Key: text" for every text of these resource files (relative to Facturix.App) that the pattern finds.</summary>
    private static IEnumerable<string> TextsMatching(Regex pattern, params string[] files) =>
        files.SelectMany(file => Read(Path.Combine(AppDirectory, file)))
            .Where(entry => pattern.IsMatch(entry.Value))
            .Select(entry => $"{entry.Key}: {entry.Value}");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    // "( ; )" shows the character itself, as the other delimiters' "( , )" and "( | )": not punctuation of a word.
    [GeneratedRegex(@"[^\s(] [?!;:](?=\s|$)|[^\s(] %|« | »")]
    private static partial Regex BreakableFrenchPunctuation();

    // "{0} est désactivé", "{0} ({1}) sera déconnecté", "{0} a été retiré", "{0} sera recréée".
    [GeneratedRegex(@"^\{\d\}(\s\([^)]*\))?\s(est|sera|a été|sont|seront)\s\w+é(e|s|es)?\b")]
    private static partial Regex ParticipleAfterName();

    [GeneratedRegex("’")]
    private static partial Regex TypographicApostrophe();

    /// <summary>"email" or "Email" not written "e-mail"; an address such as nom@entreprise.fr has no such word.</summary>
    [GeneratedRegex(@"(?<![-\w@.])[Ee]mails?\b")]
    private static partial Regex EmailWithoutHyphen();

    [GeneratedRegex(@"\w\((s|e|es|x)\)")]
    private static partial Regex HedgedPlural();

    // A label then " : " and a value (@...) or the end of its element; a C# ternary ("? L[\"a\"] : L[\"b\"]") is neither.
    [GeneratedRegex(@"\w+\[""[^\]]*\]\s:(\s@|<)")]
    private static partial Regex LabelColonInMarkup();

    // The type may be written qualified (IStringLocalizer<Facturix.App.Localization.SharedStrings>): keep its last part.
    [GeneratedRegex(@"@inject\s+IStringLocalizer<(?:\w+\.)*(?<type>\w+)>\s+(?<name>\w+)")]
    private static partial Regex InjectedLocalizer();
}
