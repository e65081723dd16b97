using Facturix.App.Campaigns;

namespace Facturix.Tests.Campaigns;

/// <summary>A campaign's label names its client once: after the name, unless the name has it already.</summary>
public sealed class CampaignLabelTests
{
    [Theory]
    [InlineData("Printemps", "Logivia", "Printemps · Logivia")]
    [InlineData("Nexalis Télécom — Cabinets comptables", "Nexalis Télécom", "Nexalis Télécom — Cabinets comptables")]
    [InlineData("Relance T1 — NEXALIS TELECOM", "Nexalis Télécom", "Relance T1 — NEXALIS TELECOM")]
    [InlineData("Relance T1", " ", "Relance T1")]
    public void The_client_follows_the_name_unless_the_name_has_it(string campaign, string account, string expected) =>
        Assert.Equal(expected, CampaignLabel.Of(campaign, account));
}
