using Microsoft.AspNetCore.Components.Forms;

namespace Facturix.Tests.Support;

/// <summary>Test double for the token the prerender hands to the circuit (null = none was handed over).</summary>
internal sealed class FakeAntiforgeryStateProvider : AntiforgeryStateProvider
{
    public AntiforgeryRequestToken? Token { get; set; } = new("test-token", "__RequestVerificationToken");

    public override AntiforgeryRequestToken? GetAntiforgeryToken() => Token;
}
